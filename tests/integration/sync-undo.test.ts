/**
 * Undo and redo against a real server (issue 10): an undo is an ordinary update, checked and stored
 * like any other. One's own steps are taken back while someone else writes; a restored argument keeps
 * its id; and an undo that loses a race with the facilitator's lock is refused, named, and leaves no
 * trace on the server.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readArgument, readBoard } from "@/lib/board/doc";
import { deleteArgument, updateArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import { checkUndoStep } from "@/lib/board/undo-check";
import { UndoHistory, type UndoDirection } from "@/lib/board/undo-history";
import { BoardClient } from "@/components/sync/board-client";
import type { ErrorPayload } from "@/lib/errors/errors";
import { ARTICLE, addTestArgument, boardAsStored, saved } from "./support/board";
import { posted, useManagedBoards, type Table } from "./support/managed-board";
import { waitFor } from "./support/wait";

const h = useManagedBoards();
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((close) => close()));

/** A browser's BoardClient for one more participant (no team), with an undo history on its document. */
async function participantBrowser(table: Table, displayName: string) {
  const seat = await h.seat(table.boardId, { displayName, invite: table.invites.participant });
  const client = new BoardClient(table.boardId, { url: h.server.url, memberToken: seat.memberToken });
  const errors: ErrorPayload[] = [];
  client.on("error", (error) => errors.push(error));
  await waitFor(() => client.status === "live", { message: `${displayName} to go live` });
  const history = new UndoHistory(client.doc, { captureMs: 0 });
  cleanup.push(() => history.destroy(), () => client.destroy());
  const actor: Actor = { memberId: seat.memberId, role: "participant", displayName };
  const author = { id: seat.memberId, name: displayName };
  /** Checks and applies the top step as the screen does, then waits for the server to store it. */
  const step = async (direction: UndoDirection) => {
    const next = history.peek(direction);
    expect(next).not.toBeNull();
    expect(checkUndoStep(client.doc, next!, actor, ARTICLE)).toEqual({ ok: true });
    expect(history.apply(direction)).toBe(true);
    await saved(client);
  };
  return { client, history, errors, author, step };
}

describe("sync: undo and redo of one's own changes", () => {
  it("takes back an add, an edit and a delete while another participant posts, and the server stores each step", async () => {
    const table = await h.table();
    const ann = await participantBrowser(table, "Ann");
    const mine = addTestArgument(ann.client.doc, { text: "Ann's first point.", author: ann.author });
    await saved(ann.client);
    const bobs = await posted(table.bob, { text: "Bob's point, posted in between." });
    await waitFor(() => readArgument(ann.client.doc, bobs.id), { message: "Ann to see Bob's point" });
    expect(updateArgument(ann.client.doc, ARTICLE, mine.id, { text: "Ann's first point, sharpened." }).ok).toBe(true);
    expect(deleteArgument(ann.client.doc, mine.id).ok).toBe(true);
    await saved(ann.client);
    expect(await table.facilitator.sees(mine.id, false)).toBeNull();

    await ann.step("undo");
    expect((await table.facilitator.sees(mine.id))?.text).toBe("Ann's first point, sharpened.");
    await ann.step("undo");
    await waitFor(() => readArgument(table.facilitator.doc, mine.id)?.text === "Ann's first point.", { message: "the edit to be undone for everyone" });
    await ann.step("undo");
    await table.facilitator.sees(mine.id, false);
    expect(ann.history.canUndo).toBe(false);

    let stored = await boardAsStored(h.server.context.store, table.boardId);
    expect(stored.arguments.map((arg) => arg.id)).toEqual([bobs.id]);
    await ann.step("redo");
    await ann.step("redo");
    stored = await boardAsStored(h.server.context.store, table.boardId);
    // The same id, the same author and creation time: what a reply, a vote or a link names is back.
    expect(stored.arguments.find((arg) => arg.id === mine.id)).toMatchObject({ ...mine, text: "Ann's first point, sharpened.", updatedAt: expect.any(Number) });
    expect(readBoard(ann.client.doc)).toEqual(stored);
    expect(ann.errors).toEqual([]);
  });

  it("refuses an undo that races the facilitator's lock, names it, and starts the history afresh", async () => {
    const table = await h.table();
    const ann = await participantBrowser(table, "Ann");
    const mine = addTestArgument(ann.client.doc, { text: "Ann's point, to be undone too late.", author: ann.author });
    await saved(ann.client);
    expect(await table.facilitator.command({ type: "set-settings", patch: { locked: true } })).toMatchObject({ ok: true });
    const rows = await h.storedRows(table.boardId);
    // The browser has not heard of the lock yet: its check passed a moment ago, and the step goes out.
    expect(ann.history.apply("undo")).toBe(true);
    let resets = 0;
    ann.client.on("reset", () => resets++);
    await waitFor(() => resets === 1 && ann.client.status === "live", { message: "Ann's client to reload after the refusal" });

    expect(ann.errors.map((error) => error.message)).toEqual([
      "Your undo on “Ann's point, to be undone too late.” was not saved: The facilitator has locked the board. Your undo history starts afresh.",
    ]);
    expect(await h.storedRows(table.boardId)).toEqual(rows);
    expect(readArgument(ann.client.doc, mine.id)).toEqual(mine);
    // The screen builds a new history on the reloaded document: nothing to redo from the refused one.
    const fresh = new UndoHistory(ann.client.doc);
    expect([fresh.canUndo, fresh.canRedo]).toEqual([false, false]);
    fresh.destroy();
  });
});
