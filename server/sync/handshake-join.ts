import { fromBase64 } from "lib0/buffer";
import { HandshakeJoinSchema, type JoinRequest } from "../../lib/protocol/protocol";
import { SYNC_STEP_1, encodeSyncMessage } from "../../lib/protocol/sync-messages";

/** A join carried in a connection's handshake, as the `join` request and the Step 1 sent behind it. */
export interface HandshakeJoinRequest {
  /** What a `join` event would carry; null when the handshake's join is malformed (refused `bad-request`). */
  request: JoinRequest | null;
  /** The sync frame a client would send right behind its join, when the handshake named a state vector. */
  step1: Uint8Array | null;
}

/**
 * Reads the join a client put in its Socket.io handshake (`auth`, docs/protocol.md "Joining in the
 * handshake"). A handshake without a `boardId` carries no join: the connection waits for a `join` event.
 */
export function handshakeJoinOf(auth: unknown): HandshakeJoinRequest | null {
  if (typeof auth !== "object" || auth === null || !("boardId" in auth)) return null;
  const parsed = HandshakeJoinSchema.safeParse(auth);
  if (!parsed.success) return { request: null, step1: null };
  const { stateVector, ...request } = parsed.data;
  return { request, step1: stateVector === undefined ? null : encodeSyncMessage({ type: SYNC_STEP_1, stateVector: fromBase64(stateVector) }) };
}

/**
 * Reads the handshake's join, then empties `handshake.auth`: Socket.io would otherwise keep it, the
 * member token included, for the connection's whole life. Nothing reads it after this.
 */
export function takeHandshakeJoin(handshake: { auth: Record<string, unknown> }): HandshakeJoinRequest | null {
  const carried = handshakeJoinOf(handshake.auth);
  handshake.auth = {};
  return carried;
}
