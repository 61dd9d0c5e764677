"use client";
import type { Argument } from "@/lib/board/argument";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import { useCommandRunner } from "@/components/session/useCommandRunner";
import styles from "./FacilitatorPanel.module.css";
import { InlineError } from "@/components/common/InlineError";

interface SpotlightSectionProps {
  spotlight: Argument | null;
  command(cmd: Command): Promise<CommandAck>;
}

/** The argument the whole room is looking at, and the way to let everyone go again. */
export function SpotlightSection({ spotlight, command }: SpotlightSectionProps) {
  const { run, busy, error } = useCommandRunner(command);
  return (
    <div className={styles.sectionBody}>
      {spotlight ? (
        <blockquote className={styles.spotlit}>{spotlight.text.length > 160 ? `${spotlight.text.slice(0, 157)}…` : spotlight.text}</blockquote>
      ) : (
        <p className={styles.hint}>Press Spotlight on any card to bring it to the middle of every screen and the projector.</p>
      )}
      <div className={styles.rowActions}>
        <button type="button" className="btn btn-sm" disabled={busy || !spotlight} onClick={() => void run({ type: "set-spotlight", argumentId: null })} data-testid="spotlight-clear">
          Clear spotlight
        </button>
      </div>
      <InlineError message={error} />
    </div>
  );
}
