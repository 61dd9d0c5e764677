/** Argdown imports run in a worker with a time limit, so a hostile file cannot freeze live boards. */
import { describe, expect, it } from "vitest";
import { toArgdown } from "@/lib/export/argdown";
import { parseArgdownInWorker } from "@/server/export/parse-argdown";
import { demoExportBoard } from "../unit/support/export-fixture";

describe("Argdown parsing in a worker", () => {
  it("parses a real export", async () => {
    const result = await parseArgdownInWorker(toArgdown(demoExportBoard()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.board.arguments).toHaveLength(14);
  });

  it("gives up on input the reference parser chews on for too long, and the main thread stays free", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const result = await parseArgdownInWorker("{".repeat(50_000), 1_500);
    clearInterval(timer);
    expect(result).toEqual({ ok: false, errors: [{ message: expect.stringContaining("took longer than 1.5 s") }] });
    expect(ticks).toBeGreaterThan(10);
  });
});
