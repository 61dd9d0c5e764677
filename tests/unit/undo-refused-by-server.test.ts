/**
 * The race an undo can lose: it passed the browser's check, but the server refused it (the board was
 * locked on the way). The refusal must name the undo, and no step of the old document may linger.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { deleteArgument } from "@/lib/board/operations";
import { UndoHistory } from "@/lib/board/undo-history";
import { addPoint, goLive, makeHarness } from "./support/client-harness";
import { errorAck } from "./support/fake-sync-socket";

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("board client: an undo the server refuses", () => {
  it("is named as an undo, and the board and its history start again from the server's state", () => {
    const h = makeHarness();
    goLive(h);
    const history = new UndoHistory(h.client.doc, { captureMs: 0 });
    const point = addPoint(h.client.doc, "Aid buys access.");
    expect(deleteArgument(h.client.doc, point.id).ok).toBe(true);
    h.server.settle();

    expect(history.apply("undo")).toBe(true);
    const [frame] = h.server.takeSync();
    frame.ack(errorAck("forbidden", "The facilitator has locked the board."));

    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].message).toBe("Your undo on “Aid buys access.” was not saved: The facilitator has locked the board. Your undo history starts afresh.");
    expect(h.resets).toBe(1);
    h.server.answerJoin();
    h.server.handshake();
    h.server.settle();
    expect(readBoard(h.client.doc)).toEqual(readBoard(h.server.doc));
    expect(readBoard(h.client.doc).arguments).toEqual([]);
    // The history belongs to the replaced document: the screen builds a fresh, empty one for the new.
    expect(new UndoHistory(h.client.doc).canUndo).toBe(false);
    history.destroy();
  });
});
