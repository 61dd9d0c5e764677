// `npx tsx scripts/bench-exports.ts [copies]`: how long PDF and PNG exports stall the event loop that
// serves live boards, drawn in place (as before the render pool) and through the pool. Not a test:
// figures vary with the machine. The board is the demo board written `copies` times (default 20).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { toSvg } from "../lib/export/svg";
import { bigDemoBoard } from "../prisma/seed/big-board";
import { renderPdfHandout } from "../server/export/pdf";
import { renderPng } from "../server/export/png";
import { RenderPool } from "../server/export/render-pool";

const copies = Number(process.argv[2] ?? 20);
const board = bigDemoBoard(copies);

/** Runs `work` and reports its wall time and the longest the event loop was held meanwhile. */
async function measure(label: string, work: () => Promise<unknown> | unknown): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  // A heartbeat keeps the loop turning, so a stall shows up as one long delay rather than none.
  const heartbeat = setInterval(() => undefined, 5);
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 20)); // arm the monitor before the work starts
  const started = performance.now();
  await work();
  const took = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the histogram see the last turn
  delay.disable();
  clearInterval(heartbeat);
  const ms = (ns: number) => (ns / 1e6).toFixed(0).padStart(5);
  console.log(`${label.padEnd(34)} wall ${took.toFixed(0).padStart(5)} ms   max loop stall ${ms(delay.max)} ms   p99 ${ms(delay.percentile(99))} ms`);
}

console.log(`board: ${board.arguments.length} arguments, ${board.arguments.reduce((n, a) => n + a.quotes.length, 0)} quotes`);
// What a busy machine's scheduler alone costs: the floor under every figure below.
await measure("idle (baseline, 2 s)", () => new Promise((resolve) => setTimeout(resolve, 2_000)));
await measure("PDF on the event loop (before)", () => renderPdfHandout(board));
await measure("PNG on the event loop (before)", () => renderPng(toSvg(board)));
const pool = new RenderPool();
await measure("PDF in the pool, cold thread", () => pool.renderPdf(board));
await measure("PDF in the pool, warm", () => pool.renderPdf(board));
await measure("PNG in the pool, warm", () => pool.renderPng(board));
await measure("2 PDFs + 1 PNG queued in the pool", () => Promise.all([pool.renderPdf(board), pool.renderPdf(board), pool.renderPng(board)]));
await pool.close();
