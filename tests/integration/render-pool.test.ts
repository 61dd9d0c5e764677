/**
 * The export pool: PDF, PNG and Argdown parsing run in worker threads with a time limit and a bounded
 * queue, so neither a big board nor a hostile file can freeze live boards.
 */
import { afterAll, describe, expect, it } from "vitest";
import { toArgdown } from "@/lib/export/argdown";
import { ParleyError } from "@/lib/errors/errors";
import { RenderPool } from "@/server/export/render-pool";
import { demoExportBoard } from "../unit/support/export-fixture";

const pool = new RenderPool({ maxThreads: 1, maxQueue: 2 });
afterAll(() => pool.close());

// Renders take seconds each on a busy two-core machine, and several queue up in one test.
describe("the render pool", { timeout: 180_000 }, () => {
  it("draws a PDF and a PNG in a worker thread", async () => {
    const board = demoExportBoard();
    const [pdf, png] = await Promise.all([pool.renderPdf(board), pool.renderPng(board)]);
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(pool.stats().completed).toBeGreaterThanOrEqual(2);
  });

  it("parses a real Argdown export", async () => {
    const result = await pool.parseArgdown(toArgdown(demoExportBoard()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.board.arguments).toHaveLength(14);
  });

  it("gives up on input the reference parser chews on for too long, and the main thread stays free", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const result = await pool.parseArgdown("{".repeat(50_000), 1_500);
    clearInterval(timer);
    expect(result).toEqual({ ok: false, errors: [{ message: expect.stringContaining("took longer than 1.5 s") }] });
    expect(ticks).toBeGreaterThan(10);
    // The stopped thread is replaced: the next task still runs. A fresh thread first loads every
    // renderer (elk, pdfkit, resvg), which on a busy machine can take longer than a parse's own limit.
    expect((await pool.parseArgdown(toArgdown(demoExportBoard()), 120_000)).ok).toBe(true);
  });

  it("admits threads + queue tasks and refuses the rest at once with a retryable rate-limited", async () => {
    const board = demoExportBoard();
    const outcomes = Array.from({ length: 5 }, () => pool.renderPdf(board).then(() => "drawn", (error: unknown) => error));
    expect(pool.load).toBe(3);
    const refused = await Promise.all(outcomes.slice(3));
    for (const error of refused) expect(ParleyError.is(error) && error.code).toBe("rate-limited");
    expect(await Promise.all(outcomes.slice(0, 3))).toEqual(["drawn", "drawn", "drawn"]);
    expect(pool.load).toBe(0);
  });

  it("stops a render over its time limit with a clear message", async () => {
    const hurried = new RenderPool({ renderTimeoutMs: 1 });
    try {
      await expect(hurried.renderPdf(demoExportBoard())).rejects.toThrow(/took longer than 0.001 s/);
    } finally {
      await hurried.close();
    }
  });

  it("lets its threads go once idle", async () => {
    const idle = new RenderPool({ idleTimeoutMs: 50 });
    try {
      await idle.parseArgdown(toArgdown(demoExportBoard()));
      await expect.poll(() => idle.stats().threads, { timeout: 10_000 }).toBe(0);
    } finally {
      await idle.close();
    }
  });
});
