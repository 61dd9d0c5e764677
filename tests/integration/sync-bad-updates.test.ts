/**
 * Well-formed Yjs updates that break a board rule: refused with update-rejected in the ack, the socket
 * stays open, and neither the board nor the database changes. Also the one rule-bending update the
 * model accepts on purpose: a reply written while its parent was being deleted.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { argumentsMap, metaMap, positionsMap, readBoard, writeRecord } from "@/lib/board/doc";
import { deleteArgument } from "@/lib/board/operations";
import { EVENTS } from "@/lib/protocol/protocol";
import { syncStep1, syncUpdate } from "@/lib/protocol/sync-messages";
import { BOB, US, addTestArgument, boardAsServedBy, openClient, quote, SAMPLE_QUOTE, saved, sees } from "./support/board";
import { expectUnharmed, useBadInputHarness } from "./support/unharmed";
import { waitFor } from "./support/wait";

/** The update `change` makes to `doc` (mutates `doc`). */
function updateFrom(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  doc.on("update", collect);
  change(doc);
  doc.off("update", collect);
  return Y.mergeUpdates(updates);
}

/** A valid argument record, as the model would write it, with `overrides`. */
function argumentRecord(overrides: Record<string, unknown> = {}) {
  const id = `arg-raw-${Math.random().toString(36).slice(2, 10)}`;
  return { id, positionId: US, parentId: US, stance: "for", text: "Raw argument.", quotes: [quote(SAMPLE_QUOTE)], authorId: "user-raw", authorName: "Raw", createdAt: 1, updatedAt: 1, ...overrides };
}

function addRecord(overrides: Record<string, unknown>) {
  return (doc: Y.Doc) => {
    const record = argumentRecord(overrides);
    writeRecord(argumentsMap(doc), record.id, record);
  };
}

describe("sync: updates that break the board's rules", () => {
  const h = useBadInputHarness();

  const rejected: [string, (doc: Y.Doc) => void][] = [
    ["an argument with empty text", addRecord({ text: "   " })],
    ["an argument quoting words the source does not contain", addRecord({ quotes: [{ exact: "words the article never uses", prefix: "", suffix: "", start: 10, end: 38 }] })],
    ["an argument whose quote offsets point elsewhere", addRecord({ quotes: [{ ...quote(SAMPLE_QUOTE), start: 0, end: quote(SAMPLE_QUOTE).exact.length }] })],
    ["a reply to an argument that never existed", addRecord({ parentId: "arg-never-existed" })],
    ["an argument filed under a position it does not answer", addRecord({ positionId: "pos-pak-military" })],
    ["an argument with fields the model does not know", addRecord({ score: 100 })],
    ["an argument stored under another argument's key", (doc) => writeRecord(argumentsMap(doc), "arg-key-a", argumentRecord({ id: "arg-key-b" }))],
    ["a write to the positions root", (doc) => positionsMap(doc).get(US)!.set("label", "Rewritten by a client")],
    ["a write to the meta root", (doc) => metaMap(doc).set("title", "Rewritten by a client")],
    ["a new root the board does not have", (doc) => doc.getMap("evil").set("payload", "x")],
    ["a change to an argument's author", (doc) => [...argumentsMap(doc).values()][0].set("authorId", "someone-else")],
  ];

  it.each(rejected)("%s is refused with update-rejected and the socket stays open", async (_name, change) => {
    // Alice has added at least one argument by now (each check below adds one), so "the first argument" exists.
    if (readBoard(h.alice.doc).arguments.length === 0) {
      addTestArgument(h.alice.doc);
      await saved(h.alice);
    }
    const before = await h.snapshot();
    const raw = await h.raw();
    const doc = await raw.joinAndLoad(h.boardId);

    const ack = await raw.request(EVENTS.sync, syncUpdate(updateFrom(doc, change)));
    expect(ack).toMatchObject({ ok: false, code: "update-rejected", retry: false });
    // Still connected and still served.
    expect(await raw.request(EVENTS.sync, syncStep1(doc))).toEqual({ ok: true });
    expect(raw.socket.connected).toBe(true);
    expect(raw.errors).toEqual([]);
    await expectUnharmed(h, before);
  });

  it("a BoardClient whose update is refused reloads the board as the server has it and keeps working", async () => {
    const before = await h.snapshot();
    const carol = await openClient(h.server.url, h.boardId);
    try {
      let resets = 0;
      carol.on("reset", () => resets++);
      addRecord({ text: "" })(carol.doc); // bypasses the model, as a buggy editor might

      await waitFor(() => resets === 1, { message: "Carol's client to reset" });
      await saved(carol);
      expect(carol.errors).toMatchObject([{ code: "update-rejected" }]);
      expect(readBoard(carol.doc)).toEqual(before.board);

      const fixed = addTestArgument(carol.doc, { text: "Carol tries again, properly." });
      await saved(carol);
      await sees(h.alice, fixed.id);
      expect(carol.errors).toHaveLength(1);
    } finally {
      carol.destroy();
    }
  });

  it("an update built on changes the server never saw is refused with resync-required", async () => {
    const before = await h.snapshot();
    const raw = await h.raw();
    const doc = await raw.joinAndLoad(h.boardId);
    const record = argumentRecord();
    updateFrom(doc, addRecord(record)); // never sent
    const dependent = updateFrom(doc, (d) => argumentsMap(d).get(record.id)!.set("text", "Edited."));

    expect(await raw.request(EVENTS.sync, syncUpdate(dependent))).toMatchObject({ ok: false, code: "resync-required", retry: true });
    expect(raw.socket.connected).toBe(true);
    await expectUnharmed(h, before);
  });

  it("accepts a reply to an argument deleted at the same time, and never shows the orphan", async () => {
    const { alice, bob } = h;
    const parent = addTestArgument(alice.doc, { text: "About to be deleted." });
    await saved(alice);
    await sees(bob, parent.id);

    const bobSocket = bob["socket"];
    bobSocket.disconnect();
    await waitFor(() => bob.status === "offline", { message: "Bob to go offline" });
    expect(deleteArgument(alice.doc, parent.id).ok).toBe(true);
    await saved(alice);
    const reply = addTestArgument(bob.doc, { parentId: parent.id, stance: "against", text: "A reply to a vanishing argument.", author: BOB });

    bobSocket.connect();
    await waitFor(() => argumentsMap(alice.doc).has(reply.id), { message: "the orphan to reach Alice" });
    await saved(bob);
    expect([...alice.errors, ...bob.errors]).toEqual([]);

    // Stored and passed on, but shown nowhere: its parent is a tombstone.
    for (const board of [readBoard(alice.doc), readBoard(bob.doc), await boardAsServedBy(h.server.url, h.boardId)]) {
      expect(board.arguments.map((a) => a.id)).not.toContain(parent.id);
      expect(board.arguments.map((a) => a.id)).not.toContain(reply.id);
    }
    expect(readBoard(bob.doc)).toEqual(readBoard(alice.doc));
  });
});
