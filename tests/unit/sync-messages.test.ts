import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addArgument } from "@/lib/board/operations";
import { readBoard } from "@/lib/board/doc";
import {
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  asBytes,
  decodeSyncMessage,
  encodeSyncMessage,
  isFreshStep1,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "@/lib/protocol/sync-messages";
import { ALICE, ARTICLE, US, makeBoardDoc, seededRandom } from "./support/board-fixture";

function boardWithArgument(): Y.Doc {
  const doc = makeBoardDoc();
  addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "Synced", quotes: [], author: ALICE }, { id: "a", now: 1 });
  return doc;
}

describe("encodeSyncMessage / decodeSyncMessage", () => {
  it("round-trips a step 1 message carrying a state vector", () => {
    const stateVector = Y.encodeStateVector(boardWithArgument());
    expect(decodeSyncMessage(encodeSyncMessage({ type: SYNC_STEP_1, stateVector }))).toEqual({ type: SYNC_STEP_1, stateVector });
  });

  it.each([SYNC_STEP_2, SYNC_UPDATE] as const)("round-trips a message of type %i carrying an update", (type) => {
    const update = Y.encodeStateAsUpdate(boardWithArgument());
    expect(decodeSyncMessage(encodeSyncMessage({ type, update }))).toEqual({ type, update });
  });

  it("uses the y-protocols framing: type, then length-prefixed payload", () => {
    expect([...encodeSyncMessage({ type: SYNC_UPDATE, update: new Uint8Array([7, 8, 9]) })]).toEqual([2, 3, 7, 8, 9]);
    expect([...encodeSyncMessage({ type: SYNC_STEP_2, update: new Uint8Array([]) })]).toEqual([1, 0]);
  });

  it("carries a whole board from one document to another through step 1 and step 2", () => {
    const server = boardWithArgument();
    const client = new Y.Doc();
    const request = decodeSyncMessage(syncStep1(client));
    expect(request?.type).toBe(SYNC_STEP_1);
    const reply = decodeSyncMessage(syncStep2(server, request?.type === SYNC_STEP_1 ? request.stateVector : undefined));
    expect(reply?.type).toBe(SYNC_STEP_2);
    if (reply && reply.type !== SYNC_STEP_1) Y.applyUpdate(client, reply.update);
    expect(readBoard(client)).toEqual(readBoard(server));
  });

  it("wraps a live update as an update message", () => {
    const update = Y.encodeStateAsUpdate(boardWithArgument());
    expect(decodeSyncMessage(syncUpdate(update))).toEqual({ type: SYNC_UPDATE, update });
  });
});

describe("decodeSyncMessage refuses malformed frames with null", () => {
  const valid = () => syncUpdate(Y.encodeStateAsUpdate(boardWithArgument()));

  it("an empty frame", () => {
    expect(decodeSyncMessage(new Uint8Array())).toBeNull();
  });

  it("an unknown message type", () => {
    expect(decodeSyncMessage(new Uint8Array([3, 0]))).toBeNull();
    expect(decodeSyncMessage(new Uint8Array([0x80, 0x01, 0]))).toBeNull();
  });

  it("a frame cut short anywhere", () => {
    const frame = valid();
    for (const length of [1, 2, frame.length - 1]) expect(decodeSyncMessage(frame.slice(0, length))).toBeNull();
  });

  it("a truncated frame that is a view into a larger buffer, as Node's pooled Buffers are", () => {
    const frame = valid();
    const pool = new Uint8Array(frame.length + 64);
    pool.set(frame);
    expect(decodeSyncMessage(pool.subarray(0, frame.length - 5))).toBeNull();
    expect(decodeSyncMessage(pool.subarray(0, frame.length))).not.toBeNull();
  });

  it("trailing bytes after a complete message", () => {
    const frame = valid();
    expect(decodeSyncMessage(Uint8Array.from([...frame, 0]))).toBeNull();
    expect(decodeSyncMessage(Uint8Array.from([...frame, ...frame]))).toBeNull();
  });

  it("a step 1 whose state vector does not decode", () => {
    expect(decodeSyncMessage(encodeSyncMessage({ type: SYNC_STEP_1, stateVector: new Uint8Array([5, 0xff]) }))).toBeNull();
  });

  it("never throws on 500 seeded random frames, and anything it accepts survives a round trip", () => {
    const random = seededRandom(0x5eed);
    let accepted = 0;
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * 24);
      const frame = Uint8Array.from({ length }, () => (random() < 0.3 ? Math.floor(random() * 4) : Math.floor(random() * 256)));
      let message: ReturnType<typeof decodeSyncMessage> = null;
      expect(() => (message = decodeSyncMessage(frame))).not.toThrow();
      if (message) {
        accepted++;
        expect(decodeSyncMessage(encodeSyncMessage(message))).toEqual(message);
      }
    }
    // The generator leans towards small type bytes so some frames decode and the round trip is exercised.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(500);
  });
});

describe("asBytes", () => {
  it("accepts a Uint8Array, a Node Buffer and an ArrayBuffer", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(asBytes(bytes)).toBe(bytes);
    expect([...asBytes(Buffer.from([1, 2, 3]))!]).toEqual([1, 2, 3]);
    expect([...asBytes(bytes.buffer)!]).toEqual([1, 2, 3]);
  });

  it("refuses anything else", () => {
    for (const payload of ["abc", 42, null, undefined, [1, 2, 3], { 0: 1 }]) expect(asBytes(payload)).toBeNull();
  });
});

describe("isFreshStep1", () => {
  it("is true only for a Step 1 whose state vector names no writer", () => {
    expect(isFreshStep1(syncStep1(new Y.Doc()))).toBe(true);
    expect(isFreshStep1(syncStep1(boardWithArgument()))).toBe(false);
    expect(isFreshStep1(syncStep2(new Y.Doc()))).toBe(false);
    expect(isFreshStep1(syncUpdate(Y.encodeStateAsUpdate(new Y.Doc())))).toBe(false);
    expect(isFreshStep1(new Uint8Array([0, 1, 0, 7]))).toBe(false); // trailing bytes: not one message
    expect(isFreshStep1(new Uint8Array([]))).toBe(false);
  });
});
