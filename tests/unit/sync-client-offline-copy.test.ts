/**
 * Issue 9, item 5: work survives reloads and Wi-Fi drops. With a local copy the board client keeps
 * its unsaved changes across a page load; restored changes count as pending until the server
 * acknowledges them, a refused one is cleaned out of the copy (never sent again), and an observer's
 * restored changes are dropped at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { SYNC_UPDATE } from "@/lib/protocol/sync-messages";
import { PROTOCOL_VERSION } from "@/lib/protocol/protocol";
import { addPoint, goLive, makeHarness, type Harness } from "./support/client-harness";
import { errorAck } from "./support/fake-sync-socket";
import { MemoryCopy } from "./support/memory-copy";
import type { LocalCopy } from "@/components/sync/local-copy";
import type { SavedWork } from "@/components/sync/saved-work";

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const ids = (h: Harness, where: "client" | "server") => readBoard(where === "client" ? h.client.doc : h.server.doc).arguments.map((arg) => arg.id).sort();

/** A client on `copy` that went live, lost the network and wrote `texts`, then the page was closed. */
async function writeOfflineThenClose(copy: MemoryCopy, texts: string[]) {
  const h = makeHarness(() => 0, { localCopy: copy });
  await h.client.ready;
  goLive(h);
  h.socket.drop("transport close");
  const points = texts.map((text) => addPoint(h.client.doc, text));
  expect(h.client.pending).toBe(texts.length);
  h.client.destroy();
  return { server: h.server, points };
}

/** The page loads again on the same browser copy and board. */
async function reload(copy: MemoryCopy, before: { server: Harness["server"] }) {
  const h = makeHarness(() => 0, { localCopy: copy, serverDoc: before.server.doc });
  await h.client.ready;
  return h;
}

describe("board client: the local copy across a reload", () => {
  it("restores offline changes as pending, sends them after the join, and says saved only after the acks", async () => {
    const copy = new MemoryCopy();
    const before = await writeOfflineThenClose(copy, ["Written on the bus, offline."]);
    const [point] = before.points;

    const h = await reload(copy, before);
    expect(h.client.pending).toBe(1);
    expect(ids(h, "client")).toContain(point.id); // on screen before any network
    expect(h.shown.at(-1)).toBe("Connecting… — 1 change waiting to sync");
    expect(h.socket.outbox).toEqual([]); // nothing before a connection, not even a join

    h.socket.open();
    h.server.answerJoin();
    const updates = h.server.handshake();
    expect(updates.map((frame) => frame.message.type)).toEqual([SYNC_UPDATE]);
    expect(h.shown.at(-1)).not.toBe("All changes saved"); // the Step 2 came, the ack did not
    h.server.settle();
    for (const frame of updates) h.server.store(frame);
    expect(h.client.pending).toBe(0);
    expect(h.shown.at(-1)).toBe("All changes saved");
    expect(ids(h, "server")).toContain(point.id);
    expect(copy.work.changes).toEqual([]); // the next load has nothing left to send
  });

  it("keeps an unacknowledged change in the copy until the ack, then forgets it", async () => {
    const copy = new MemoryCopy();
    const h = makeHarness(() => 0, { localCopy: copy });
    await h.client.ready;
    goLive(h);
    addPoint(h.client.doc, "Sent, the ack still on its way.");
    expect(copy.work.changes).toHaveLength(1);
    h.server.settle();
    expect(copy.work.changes).toHaveLength(0);
  });

  it("drops a refused restored change from the copy, so it is never sent again, and keeps the rest", async () => {
    const copy = new MemoryCopy();
    const before = await writeOfflineThenClose(copy, ["Refused by the server.", "Kept and replayed."]);
    const [refused, kept] = before.points;

    const h = await reload(copy, before);
    h.socket.open();
    h.server.answerJoin();
    const [first] = h.server.handshake().filter((frame) => frame.message.type === SYNC_UPDATE);
    first.ack(errorAck("update-rejected", "That quote is not in the article.", { argumentId: refused.id }));
    expect(h.errors.at(-1)?.message).toContain("Your other change is kept.");
    expect(copy.restarts).toBe(1);
    expect(copy.work).toEqual({ changes: [], replay: [[expect.objectContaining({ kind: "add", id: kept.id })]] });
    h.client.destroy(); // the page is reloaded before the replay could happen

    const again = await reload(copy, h);
    expect(ids(again, "client")).not.toContain(refused.id);
    again.socket.open();
    again.server.answerJoin();
    again.server.handshake();
    again.server.settle(); // the replayed change goes out and is stored
    expect(again.client.pending).toBe(0);
    expect(again.shown.at(-1)).toBe("All changes saved");
    expect(ids(again, "server")).toEqual([kept.id]);
    expect(copy.work).toEqual({ changes: [], replay: [] });
  });

  it("does not join or write when the copy finishes loading after the page left the board", async () => {
    let finish: (work: SavedWork) => void = () => undefined;
    const writes: SavedWork[] = [];
    const slow: LocalCopy = {
      open: () => new Promise((resolve) => (finish = resolve)),
      isOwnOrigin: () => false,
      saveWork: (work) => void writes.push(work),
      restart: () => undefined,
      destroy: () => undefined,
    };
    const h = makeHarness(() => 0, { localCopy: slow });
    h.socket.open();
    expect(h.socket.outbox).toEqual([]); // no join while the copy is loading
    h.client.destroy();
    finish({ changes: [], replay: [[{ kind: "delete", id: "arg-1", text: null }]] });
    await h.client.ready;
    expect(h.socket.outbox).toEqual([]);
    expect(writes).toEqual([]);
  });

  it("drops an observer's restored changes at once, with one notice, and sends none of them", async () => {
    const copy = new MemoryCopy();
    const before = await writeOfflineThenClose(copy, ["Written before the facilitator made me an observer.", "And this."]);

    const h = await reload(copy, before);
    const asObserver = { ok: true as const, boardId: "demo", protocol: PROTOCOL_VERSION, role: "observer" as const, memberId: "mem-1", serverTime: Date.now() };
    h.socket.open();
    h.server.answerJoin(asObserver);
    expect(h.errors).toEqual([expect.objectContaining({ code: "forbidden", message: expect.stringContaining("your 2 changes from before could not be saved") })]);
    expect(h.client.pending).toBe(0);
    expect(h.resets).toBe(1);
    expect(copy.work).toEqual({ changes: [], replay: [] });

    h.server.answerJoin(asObserver); // the client joins again on a fresh document
    const sent = h.server.handshake();
    expect(sent.filter((frame) => frame.message.type === SYNC_UPDATE)).toEqual([]);
    h.server.settle();
    expect(ids(h, "server")).toEqual([]);
    expect(ids(h, "client")).toEqual([]);
  });
});
