/**
 * Source revisions are planned in the render pool's worker threads (render-worker.mjs): the plan is the
 * one the pure model makes, and a plan over its time limit, a full pool or a crashed worker each end in
 * a clear error instead of a stalled or hanging request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { readArguments } from "@/lib/board/doc";
import { docFromParts } from "@/lib/board/snapshot";
import { planSourceRevision, type RevisionPlanInput } from "@/lib/revisions/revision-plan";
import { RenderPool } from "@/server/export/render-pool";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { createLongQuotedBoard } from "./support/long-source";

const pool = new RenderPool({ maxThreads: 1, maxQueue: 0 });
let input: RevisionPlanInput;

beforeAll(async () => {
  const store = new MemoryBoardStore();
  const board = await createLongQuotedBoard(store, 2, 10);
  const doc = docFromParts((await store.loadBoardState(board.boardId)).parts);
  input = { oldText: board.source, newText: board.corrected, args: readArguments(doc) };
  doc.destroy();
});
afterAll(() => pool.close());

describe("source revision plans in the render pool", { timeout: 120_000 }, () => {
  it("makes the same plan as the pure model, in a worker thread", async () => {
    const planned = await pool.planRevision(input);
    expect(planned.quotes).toHaveLength(20);
    expect(planned).toEqual(planSourceRevision(input.oldText, input.newText, input.args));
  });

  it("refuses a second plan at once while the only thread is busy, as retryable rate-limited", async () => {
    const first = pool.planRevision(input);
    await expect(pool.planRevision(input)).rejects.toMatchObject({ code: "rate-limited", message: expect.stringMatching(/busy/) });
    expect((await first).quotes).toHaveLength(20);
  });

  it("stops a plan over its time limit with invalid-content naming the limit, and the next plan still runs", async () => {
    await expect(pool.planRevision(input, 1)).rejects.toMatchObject({ code: "invalid-content", message: expect.stringMatching(/took longer than 0.001 s/) });
    expect((await pool.planRevision(input)).quotes).toHaveLength(20);
  });

  it("turns a worker's failure into internal with the cause", async () => {
    const broken = { ...input, args: [{ id: "a", quotes: null } as unknown as Argument] };
    await expect(pool.planRevision(broken)).rejects.toMatchObject({ code: "internal", message: expect.stringMatching(/^Planning the source revision failed: /) });
  });
});
