"use client";
import { useCallback, useState } from "react";
import type { Command } from "@/lib/session/commands";
import type { CommandAck } from "@/lib/protocol/protocol";

/**
 * Sends facilitator (and team) commands for one control and keeps the server's refusal to show next
 * to it, in the server's own words.
 */
export function useCommandRunner(command: (cmd: Command) => Promise<CommandAck>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (cmd: Command): Promise<boolean> => {
      setBusy(true);
      setError(null);
      const ack = await command(cmd);
      setBusy(false);
      if (!ack.ok) setError(ack.message);
      return ack.ok;
    },
    [command],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

export type CommandRunner = ReturnType<typeof useCommandRunner>;
