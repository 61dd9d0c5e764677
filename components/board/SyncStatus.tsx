"use client";
import { describeSyncStatus, type ConnectionStatus } from "@/components/sync/sync-status";
import styles from "./TopBar.module.css";

/**
 * Whether the class's work is safe, in plain words: connection state and the local edits no ack has
 * confirmed as stored (see components/sync/sync-status.ts for the exact wording).
 */
export function SyncStatus({ status, pending, retrying = false }: { status: ConnectionStatus; pending: number; retrying?: boolean }) {
  const { text, tone } = describeSyncStatus({ status, pending, retrying });
  return (
    <p
      className={styles.sync}
      data-tone={tone}
      data-status={status}
      data-pending={pending}
      data-retrying={retrying}
      data-testid="sync-status"
      role="status"
      aria-live="polite"
    >
      <span className={styles.syncDot} aria-hidden="true" />
      <span className={styles.syncText}>{text}</span>
    </p>
  );
}
