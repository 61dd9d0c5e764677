// `npx tsx scripts/bench-map-export.ts [copies]`: the argument map exports (issue 10) of a big board —
// elk's layout measured on its own, then the map SVG, PNG and the PDF handout with its map pages drawn
// through the render pool, each with the longest the event loop was held meanwhile. Not a test:
// figures vary with the machine. The board is the demo board written `copies` times (default 72,
// i.e. 1,008 arguments).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { bigDemoBoard } from "../prisma/seed/big-board";
import { layoutBoardMap } from "../server/export/map-render";
import { RenderPool } from "../server/export/render-pool";

const copies = Number(process.argv[2] ?? 72);
const board = bigDemoBoard(copies);

/** Runs `work` and reports its wall time and the longest the event loop was held meanwhile. */
async function measure<T>(label: string, work: () => Promise<T>, describe: (result: T) => string = () => ""): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const heartbeat = setInterval(() => undefined, 5); // keeps the loop turning, so a stall shows as one long delay
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  const result = await work();
  const took = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  clearInterval(heartbeat);
  const ms = (ns: number) => (ns / 1e6).toFixed(0).padStart(6);
  console.log(`${label.padEnd(36)} wall ${took.toFixed(0).padStart(6)} ms   max loop stall ${ms(delay.max)} ms   ${describe(result)}`);
}

console.log(`board: ${board.arguments.length} arguments`);
await measure("idle (baseline, 2 s)", () => new Promise((resolve) => setTimeout(resolve, 2_000)));
await measure("elk layout ON the event loop (never)", () => layoutBoardMap(board), (l) => `${l.width} × ${l.height} px, ${l.nodes.length} nodes`);
const pool = new RenderPool({ renderTimeoutMs: 600_000 });
await measure("map SVG in the pool, cold thread", () => pool.renderMapSvg(board), (svg) => `${(svg.length / 1e6).toFixed(2)} MB`);
await measure("map SVG in the pool, warm", () => pool.renderMapSvg(board));
await measure("map PNG in the pool", () => pool.renderPng(board), (png) => `${(png.byteLength / 1e6).toFixed(2)} MB`);
await measure("PDF handout with map in the pool", () => pool.renderPdf(board), (pdf) => `${(pdf.byteLength / 1e6).toFixed(2)} MB`);
await measure("PDF handout without map in the pool", () => pool.renderPdf(board, {}, null));
await pool.close();
