import type { Actor } from "../../lib/board/roles";
import { ERROR_TABLE, toErrorPayload, type ErrorCode, type ErrorPayload, type ParleyError } from "../../lib/errors/errors";

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
  /**
   * Resolves once everything sent so far has left the process (written to the network), or the
   * connection closed. Optional: without it, nothing waits for the network.
   */
  flushed?(): Promise<void>;
}

/** What a room answers to a client's sync message; travels back in the Socket.io ack. */
export type SyncResult = { ok: true } | ({ ok: false } & ErrorPayload);

/**
 * Whether a refusal with this code ends the connection: ERROR_TABLE's `closesSocket` column, read
 * here only, so every close decision on the sync socket follows the table (protocol violations and
 * messages before a join close; refusals of content, roles or budgets leave the connection open —
 * a flood is the one exception, closed by the abuse limits whatever its code).
 */
export function closesConnection(code: ErrorCode): boolean {
  return ERROR_TABLE[code].closesSocket;
}

/**
 * Sends a refusal on the connection as an error event and closes the connection when the table says
 * so. Returns the same refusal for the message's acknowledgement.
 */
export function refuseConnection(connection: Connection, error: ParleyError): SyncResult {
  const payload = toErrorPayload(error);
  connection.sendError(payload);
  if (closesConnection(payload.code)) connection.close();
  return { ok: false, ...payload };
}
