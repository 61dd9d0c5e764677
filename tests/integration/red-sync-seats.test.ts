/**
 * Issue 8 re-check over raw sockets: a refused join must give back the board seat it took, or
 * strangers fill a facilitated board without ever being let in, and a socket refused on one board
 * sits on another without counting against it.
 */
import { describe, expect, it } from "vitest";
import { useManagedBoards } from "./support/managed-board";

const SEATS = 6;
const h = useManagedBoards({ PARLEY_MAX_CONNECTIONS_PER_BOARD: String(SEATS) });

describe("red: board seats and refused joins", () => {
  it("strangers whose joins are refused do not keep the board's seats", async () => {
    const table = await h.table(); // four members connected: two seats left
    for (let i = 0; i < SEATS; i++) {
      const stranger = await h.raw();
      expect(await stranger.join(table.boardId)).toMatchObject({ ok: false, code: "forbidden" });
    }
    const late = await h.seat(table.boardId, { displayName: "Late", joinCode: table.joinCode });
    const joined = await (await h.raw()).join(table.boardId, undefined, late.memberToken);
    expect(joined).toMatchObject({ ok: true, role: "participant" });
  });

  it("a socket refused on one board takes its seat on the board it then joins", async () => {
    const full = await h.table();
    const other = await h.table();
    // Fill `full` to its cap with members.
    for (let i = 0; i < SEATS - 4; i++) {
      const seat = await h.seat(full.boardId, { displayName: `Filler ${i}`, joinCode: full.joinCode });
      expect(await (await h.raw()).join(full.boardId, undefined, seat.memberToken)).toMatchObject({ ok: true });
    }
    const extra = await h.seat(full.boardId, { displayName: "One too many", joinCode: full.joinCode });
    expect(await (await h.raw()).join(full.boardId, undefined, extra.memberToken)).toMatchObject({ ok: false, code: "rate-limited" });
    // The same member tries again on a socket first refused on another board.
    const sneaky = await h.raw();
    expect(await sneaky.join(other.boardId)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await sneaky.join(full.boardId, undefined, extra.memberToken)).toMatchObject({ ok: false, code: "rate-limited" });
  });
});
