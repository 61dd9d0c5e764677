"use client";
import type { ConnectionStatus } from "@/components/sync/board-client";
import styles from "./TopBar.module.css";

type Tone = "ok" | "busy" | "warn" | "bad";

function describe(status: ConnectionStatus, pending: number): { text: string; tone: Tone } {
  switch (status) {
    case "connecting":
      return { text: "Connecting…", tone: "busy" };
    case "syncing":
      return { text: "Syncing…", tone: "busy" };
    case "live":
      return pending > 0 ? { text: "Saving…", tone: "busy" } : { text: "All changes saved", tone: "ok" };
    case "offline":
      return { text: "Offline — changes will sync when you reconnect", tone: "warn" };
    case "failed":
      return { text: "Not connected", tone: "bad" };
  }
}

/** Whether the class's work is safe: connection state and unsaved local edits, in plain words. */
export function SyncStatus({ status, pending }: { status: ConnectionStatus; pending: number }) {
  const { text, tone } = describe(status, pending);
  return (
    <p className={styles.sync} data-tone={tone} data-status={status} data-pending={pending} data-testid="sync-status" role="status" aria-live="polite">
      <span className={styles.syncDot} aria-hidden="true" />
      {text}
    </p>
  );
}
