import type { Actor } from "../../lib/board/roles";
import type { ErrorPayload } from "../../lib/errors/errors";

/** One participant's link to a room, whatever carries it (Socket.io in production, a test pair in tests). */
export interface Connection {
  readonly id: string;
  /** Who is behind the connection; every update is checked against their role. Set when they join. */
  actor: Actor;
  sendSync(frame: Uint8Array): void;
  sendAwareness(frame: Uint8Array): void;
  sendError(error: ErrorPayload): void;
  /** A JSON event meant for this person only (their votes, their team's drafts, the roster). */
  sendEvent(name: string, payload: unknown): void;
  /** Ends the connection (after anything already sent has been flushed). */
  close(): void;
}

/** What a room answers to a client's sync message; travels back in the Socket.io ack. */
export type SyncResult = { ok: true } | ({ ok: false } & ErrorPayload);
