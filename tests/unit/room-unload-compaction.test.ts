/**
 * What a room folds when it unloads: a board stored as one part (a new board, never edited) is left
 * as it is, with no fold and no snapshot written; once anything is saved, the unload folds the log.
 */
import { describe, expect, it } from "vitest";
import { foldUpdates } from "@/lib/board/snapshot";
import { openRoom } from "./support/room-fixture";
import { addAs, syncAll } from "./support/room-assertions";

async function roomCountingFolds() {
  const folds: number[] = [];
  const fixture = await openRoom({ fold: (parts) => (folds.push(parts.length), foldUpdates(parts)) });
  return { fixture, folds };
}

describe("room unload: compaction", () => {
  it("an unedited board stored as one part is not folded, and no snapshot is written", async () => {
    const { fixture, folds } = await roomCountingFolds();
    await fixture.room.compact();
    expect(folds).toEqual([]);
    const state = await fixture.store.loadBoardState(fixture.boardId);
    expect({ parts: state.parts.length, log: state.logLength }).toEqual({ parts: 1, log: 1 });
    await fixture.room.destroy();
  });

  it("a board edited while loaded is folded at unload: the stored part and what was saved since", async () => {
    const { fixture, folds } = await roomCountingFolds();
    const ada = fixture.client("Ada");
    await syncAll([ada]);
    addAs(ada, "The aid cut shows the US means it");
    await syncAll([ada]);
    await fixture.room.compact();
    expect(folds).toEqual([2]);
    const state = await fixture.store.loadBoardState(fixture.boardId);
    expect({ parts: state.parts.length, log: state.logLength }).toEqual({ parts: 1, log: 0 });
    await fixture.room.destroy();
  });
});
