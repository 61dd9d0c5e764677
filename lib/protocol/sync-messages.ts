import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

/** y-protocols sync message types (see y-protocols/sync). */
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export type SyncMessage =
  | { type: typeof SYNC_STEP_1; stateVector: Uint8Array }
  | { type: typeof SYNC_STEP_2 | typeof SYNC_UPDATE; update: Uint8Array };

/** Encodes one sync message: varUint type, then varUint8Array payload (the y-protocols framing). */
export function encodeSyncMessage(message: SyncMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, message.type);
  encoding.writeVarUint8Array(encoder, message.type === SYNC_STEP_1 ? message.stateVector : message.update);
  return encoding.toUint8Array(encoder);
}

export function syncStep1(doc: Y.Doc): Uint8Array {
  return encodeSyncMessage({ type: SYNC_STEP_1, stateVector: Y.encodeStateVector(doc) });
}

/** Whether a state vector names no writer: its holder holds nothing (Yjs encodes that as one varUint, 0). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** Everything `doc` has that the holder of `stateVector` lacks. */
export function syncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return encodeSyncMessage({ type: SYNC_STEP_2, update: Y.encodeStateAsUpdate(doc, stateVector) });
}

/** Whether a Yjs update carries nothing at all: no structs and an empty delete set (a fresh document's diff). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0;
  } catch {
    return false;
  }
}

/**
 * Whether a frame is a Step 1 from a client that holds nothing (its state vector names no writer):
 * the whole board is its answer, whatever the server's document looks like inside.
 */
export function isFreshStep1(frame: Uint8Array): boolean {
  const message = decodeSyncMessage(frame);
  return message !== null && message.type === SYNC_STEP_1 && Y.decodeStateVector(message.stateVector).size === 0;
}

export function syncUpdate(update: Uint8Array): Uint8Array {
  return encodeSyncMessage({ type: SYNC_UPDATE, update });
}

/**
 * Decodes one sync frame. Returns null for anything that is not exactly one well-formed message
 * (unknown type, truncated payload, trailing bytes, or a state vector that does not decode).
 * It does not check that an update's content decodes: applying it does that.
 */
export function decodeSyncMessage(frame: Uint8Array): SyncMessage | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) return null;
    if (type === SYNC_STEP_1) {
      Y.decodeStateVector(payload);
      return { type, stateVector: payload };
    }
    if (type === SYNC_STEP_2 || type === SYNC_UPDATE) return { type, update: payload };
    return null;
  } catch {
    return null;
  }
}

/** Socket.io hands binary over as Buffer, ArrayBuffer or Uint8Array depending on the side; take any. */
export function asBytes(payload: unknown): Uint8Array | null {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return null;
}
