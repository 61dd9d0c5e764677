/**
 * The status line's words, derived only from facts the client holds: the connection, and the changes
 * no ack `{ ok: true }` has confirmed yet. "All changes saved" is shown only when that count is zero
 * on a live connection — never because an ack came back, whatever it said.
 */
export type ConnectionStatus = "connecting" | "syncing" | "live" | "offline" | "failed";

export interface SaveState {
  status: ConnectionStatus;
  /** Local changes not yet confirmed as stored. */
  pending: number;
  /** Some of them came back with a retryable failure (the database is down) and are being resent. */
  retrying: boolean;
}

export type StatusTone = "ok" | "busy" | "warn" | "bad";

/** "1 change", "3 changes". */
export function countChanges(count: number): string {
  return `${count} ${count === 1 ? "change" : "changes"}`;
}

/** The status line for a save state, in plain words, with a tone for its colour. */
export function describeSyncStatus({ status, pending, retrying }: SaveState): { text: string; tone: StatusTone } {
  switch (status) {
    // Changes restored from this browser's copy after a reload are waiting too: say how many.
    case "connecting":
      return pending > 0 ? { text: `Connecting… — ${countChanges(pending)} waiting to sync`, tone: "busy" } : { text: "Connecting…", tone: "busy" };
    case "syncing":
      return pending > 0 ? { text: `Syncing… — ${countChanges(pending)} waiting to sync`, tone: "busy" } : { text: "Syncing…", tone: "busy" };
    case "live":
      if (pending > 0 && retrying) return { text: `Not saved yet — retrying (${countChanges(pending)})`, tone: "warn" };
      return pending > 0 ? { text: "Saving…", tone: "busy" } : { text: "All changes saved", tone: "ok" };
    case "offline":
      return pending > 0 ? { text: `Offline — ${countChanges(pending)} will sync when you reconnect`, tone: "warn" } : { text: "Offline", tone: "warn" };
    case "failed":
      return pending > 0 ? { text: `Not connected — ${countChanges(pending)} not saved`, tone: "bad" } : { text: "Not connected", tone: "bad" };
  }
}
