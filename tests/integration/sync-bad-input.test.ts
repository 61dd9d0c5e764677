/**
 * Clients that break the sync protocol: each gets a named error (in the ack and/or a parley-error event)
 * and, where the error table says so, is disconnected. None of it reaches the board or other clients.
 */
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { EVENTS, PROTOCOL_VERSION, SYNC_LIMITS } from "@/lib/protocol/protocol";
import { syncStep1, syncUpdate } from "@/lib/protocol/sync-messages";
import { createArticleBoard } from "./support/board";
import { expectUnharmed, useBadInputHarness } from "./support/unharmed";

/** An awareness frame from a fresh client publishing `state`. */
function awarenessFrame(state: Record<string, unknown>): { frame: Uint8Array; clientId: number } {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const frame = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return { frame, clientId: doc.clientID };
}

describe("sync: protocol violations", () => {
  const h = useBadInputHarness();

  const closingSyncFrames: [string, unknown, string][] = [
    ["a garbage binary frame", new Uint8Array([0xde, 0xad, 0xbe, 0xef]), "malformed-message"],
    ["an unknown sync message type", new Uint8Array([7, 1, 0]), "malformed-message"],
    ["a sync frame with trailing bytes", new Uint8Array([...syncStep1(new Y.Doc()), 0]), "malformed-message"],
    ["an update whose payload is not a Yjs update", syncUpdate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])), "malformed-message"],
    ["a frame over the size limit", new Uint8Array(SYNC_LIMITS.maxSyncMessageBytes + 1), "payload-too-large"],
    ["a text payload", "hello", "malformed-message"],
    ["a JSON payload", { type: "update", data: [1, 2, 3] }, "malformed-message"],
  ];

  it.each(closingSyncFrames)("%s on `sync` is refused, reported and disconnected", async (_name, payload, code) => {
    const before = await h.snapshot();
    const raw = await h.raw();
    expect(await raw.join(h.boardId)).toMatchObject({ ok: true });

    expect(await raw.request(EVENTS.sync, payload)).toMatchObject({ ok: false, code });
    expect(await raw.nextError()).toMatchObject({ code, retry: false });
    expect(await raw.disconnected()).toBe("io server disconnect");
    await expectUnharmed(h, before);
  });

  it("a sync message before joining is refused with not-joined and disconnected", async () => {
    const before = await h.snapshot();
    const raw = await h.raw();
    expect(await raw.request(EVENTS.sync, syncStep1(new Y.Doc()))).toMatchObject({ ok: false, code: "not-joined" });
    expect(await raw.nextError()).toMatchObject({ code: "not-joined" });
    expect(await raw.disconnected()).toBe("io server disconnect");
    await expectUnharmed(h, before);
  });

  it("joining an unknown board is refused with board-not-found, and the socket may join another", async () => {
    const before = await h.snapshot();
    const raw = await h.raw();
    expect(await raw.join("no-such-board")).toMatchObject({ ok: false, code: "board-not-found", retry: false });
    expect(raw.socket.connected).toBe(true);
    expect(await raw.join(h.boardId)).toEqual({ ok: true, boardId: h.boardId, protocol: PROTOCOL_VERSION, role: "participant", memberId: null, serverTime: expect.any(Number) });
    await expectUnharmed(h, before);
  });

  it("a join that is not { protocol, boardId } is refused with bad-request", async () => {
    const before = await h.snapshot();
    const raw = await h.raw();
    expect(await raw.request(EVENTS.join, "demo")).toMatchObject({ ok: false, code: "bad-request" });
    expect(await raw.request(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId: "x".repeat(65) })).toMatchObject({ ok: false, code: "bad-request" });
    await expectUnharmed(h, before);
  });

  it("a connection joins one board: the same board again is acknowledged, another is refused with bad-request", async () => {
    const before = await h.snapshot();
    const other = await createArticleBoard(h.server.context.store, "Another board");
    const raw = await h.raw();
    expect(await raw.join(h.boardId)).toMatchObject({ ok: true });
    expect(await raw.join(h.boardId)).toEqual({ ok: true, boardId: h.boardId, protocol: PROTOCOL_VERSION, role: "participant", memberId: null, serverTime: expect.any(Number) });
    expect(await raw.join(other)).toMatchObject({ ok: false, code: "bad-request" });
    expect(raw.socket.connected).toBe(true);
    await expectUnharmed(h, before);
  });

  it("a client speaking another protocol version is refused with protocol-mismatch and disconnected", async () => {
    const before = await h.snapshot();
    const raw = await h.raw();
    expect(await raw.join(h.boardId, PROTOCOL_VERSION + 1)).toMatchObject({ ok: false, code: "protocol-mismatch" });
    expect(await raw.disconnected()).toBe("io server disconnect");
    await expectUnharmed(h, before);
  });

  const badAwareness: [string, () => unknown, string][] = [
    ["garbage bytes", () => new Uint8Array([0xde, 0xad, 0xbe, 0xef]), "malformed-message"],
    ["a state Parley clients never publish", () => awarenessFrame({ user: { name: "Mallory" }, script: "<img onerror=alert(1)>" }).frame, "malformed-message"],
    ["a text payload", () => "i am here", "malformed-message"],
    ["a frame over the size limit", () => new Uint8Array(SYNC_LIMITS.maxAwarenessMessageBytes + 1), "payload-too-large"],
  ];

  it.each(badAwareness)("malformed awareness (%s) disconnects the sender and reaches nobody", async (_name, payload, code) => {
    const before = await h.snapshot();
    const raw = await h.raw();
    expect(await raw.join(h.boardId)).toMatchObject({ ok: true });
    const presentBefore = [...h.alice.awareness.getStates().keys()].sort();

    raw.send(EVENTS.awareness, payload());
    expect(await raw.disconnected()).toBe("io server disconnect");
    expect(await raw.nextError()).toMatchObject({ code });
    await expectUnharmed(h, before);
    // Anything the server had passed on would have reached Alice before Bob saw her latest edit.
    expect([...h.alice.awareness.getStates().keys()].sort()).toEqual(presentBefore);
  });

  it("awareness before joining is refused with not-joined and disconnected", async () => {
    const before = await h.snapshot();
    const raw = await h.raw();
    raw.send(EVENTS.awareness, awarenessFrame({ user: { id: "u1", name: "Eve", color: "#112233" } }).frame);
    expect(await raw.nextError()).toMatchObject({ code: "not-joined" });
    expect(await raw.disconnected()).toBe("io server disconnect");
    await expectUnharmed(h, before);
  });
});
