import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addArgument } from "@/lib/board/operations";
import { decodeSyncMessage, syncStep1, syncStep2, SYNC_STEP_1, SYNC_STEP_2 } from "@/lib/protocol/sync-messages";
import { HandshakeFrames } from "@/server/sync/handshake-frames";
import { ALICE, ARTICLE, US, makeBoardDoc, replicaOf } from "./support/board-fixture";

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

function add(doc: Y.Doc, id: string): void {
  const result = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: `Argument ${id}`, quotes: [], author: ALICE }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
}

/** What a client holding nothing ends up with after applying `frame` (a Step 2). */
function applied(frame: Uint8Array): Y.Doc {
  const message = decodeSyncMessage(frame);
  if (message?.type !== SYNC_STEP_2) throw new Error("not a Step 2");
  const client = new Y.Doc();
  Y.applyUpdate(client, message.update);
  return client;
}

describe("HandshakeFrames", () => {
  it("answers a client holding nothing with the whole document, encoded once until the document changes", () => {
    const doc = makeBoardDoc();
    add(doc, "a");
    const frames = new HandshakeFrames(doc);
    const first = frames.step2(EMPTY_STATE_VECTOR);
    expect(first).toEqual(syncStep2(doc));
    expect(frames.step2(EMPTY_STATE_VECTOR)).toBe(first);
    expect(frames.step1()).toEqual(syncStep1(doc));
    expect(frames.step1()).toBe(frames.step1());
  });

  it("forgets both frames on any change, so a later joiner gets the change too", () => {
    const doc = makeBoardDoc();
    const frames = new HandshakeFrames(doc);
    const before = frames.step2(EMPTY_STATE_VECTOR);
    const stepOneBefore = frames.step1();
    add(doc, "late");
    const after = frames.step2(EMPTY_STATE_VECTOR);
    expect(after).not.toEqual(before);
    expect(Y.encodeStateAsUpdate(applied(after))).toEqual(Y.encodeStateAsUpdate(doc));
    expect(frames.step1()).not.toEqual(stepOneBefore);
    expect(decodeSyncMessage(frames.step1())).toEqual({ type: SYNC_STEP_1, stateVector: Y.encodeStateVector(doc) });
  });

  it("answers a client that holds part of the document with only what it lacks", () => {
    const doc = makeBoardDoc();
    const client = replicaOf(doc);
    const frames = new HandshakeFrames(doc);
    frames.step2(EMPTY_STATE_VECTOR);
    add(doc, "new");
    const stateVector = Y.encodeStateVector(client);
    expect(frames.step2(stateVector)).toEqual(syncStep2(doc, stateVector));
  });

  it("stops listening once destroyed", () => {
    const doc = makeBoardDoc();
    const frames = new HandshakeFrames(doc);
    frames.destroy();
    add(doc, "a");
    expect(frames.step2(EMPTY_STATE_VECTOR)).toEqual(syncStep2(doc));
  });
});
