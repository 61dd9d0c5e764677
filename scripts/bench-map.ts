/**
 * `npm run bench:map [-- --url http://localhost:3000] [--size 1000] [--runs 3]`: how the map view copes
 * with a big board in Chromium. Against a running server (`npm start`), it imports a generated board
 * (tests/e2e/big-board.ts), joins as the facilitator, opens `?view=map` and prints, per run:
 *   - layout: ELK's time inside the worker, and the round trip (graph posted → layout back);
 *   - first map: navigation start → the first layout is on screen;
 *   - long tasks on the main thread while the map was laid out (the worker should leave none of ELK's);
 *   - pan and zoom: real mouse drags and wheel turns over the whole map fitted to the screen, frames
 *     counted with requestAnimationFrame: frames per second, p95 frame time and frames over 16.7 ms;
 *     the same while idle (the machine's own baseline) and panning zoomed in to reading size;
 *   - re-layout: the first position folded (Space on its node), time until the new layout arrives.
 * A benchmark, not a test: it prints figures and never fails on them.
 */
import { chromium, type Page } from "@playwright/test";
import { existsSync } from "node:fs";
import { seedBigBoard } from "../tests/e2e/big-board";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const baseURL = option("url", process.env.PARLEY_BENCH_URL ?? "http://localhost:3000");
const size = Number(option("size", "1000"));
const runs = Math.max(1, Number(option("runs", "3")));

declare global {
  interface Window {
    __mapBench: { longTasks: { start: number; end: number }[]; frames: number[]; recording: boolean };
  }
}

function observe(): void {
  window.__mapBench = { longTasks: [], frames: [], recording: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__mapBench.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: "longtask", buffered: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (n: number) => Math.round(n);

async function firstMap(page: Page, url: string) {
  await page.goto(url);
  const shownAt = await (
    await page.waitForFunction(() => {
      const map = document.querySelector<HTMLElement>('[data-testid="map-view"]');
      return map && Number(map.dataset.layoutRuns) > 0 && document.querySelector('[data-testid="map-node"]') ? performance.now() : null;
    }, undefined, { polling: "raf", timeout: 120_000 })
  ).jsonValue();
  return page.evaluate((at) => {
    const map = document.querySelector<HTMLElement>('[data-testid="map-view"]')!;
    const longTasks = window.__mapBench.longTasks.filter((t) => t.start < at);
    return {
      shownAt: at,
      layoutMs: Number(map.dataset.layoutMs),
      roundTripMs: Number(map.dataset.layoutRoundTripMs),
      mode: map.dataset.layoutMode,
      nodes: Number(map.dataset.nodeCount),
      longTasks: longTasks.length,
      longestTask: Math.max(0, ...longTasks.map((t) => t.end - t.start)),
    };
  }, Number(shownAt));
}

/** Frames recorded while `act` runs: frames per second, p95 frame time, frames over 16.7 ms. */
async function framesDuring(page: Page, act: () => Promise<void>) {
  await page.evaluate(() => {
    const bench = window.__mapBench;
    bench.frames = [];
    bench.recording = true;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      bench.frames.push(now - last);
      last = now;
      if (bench.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await act();
  const seconds = (Date.now() - started) / 1000;
  return page.evaluate((secs) => {
    const bench = window.__mapBench;
    bench.recording = false;
    const frames = bench.frames.slice(1);
    const sorted = [...frames].sort((a, b) => a - b);
    const total = frames.reduce((a, b) => a + b, 0);
    return { seconds: secs, frames: frames.length, fps: (frames.length / total) * 1000, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0, slow: frames.filter((d) => d > 16.7).length };
  }, seconds);
}

async function panAndZoom(page: Page, zoom: boolean) {
  const box = (await page.getByTestId("map-view").boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return framesDuring(page, async () => {
    for (let i = 0; i < 4; i++) {
      await page.mouse.move(cx - 150, cy);
      await page.mouse.down();
      await page.mouse.move(cx + 150, cy + (i % 2 ? 80 : -80), { steps: 30 });
      await page.mouse.up();
      if (zoom) for (let w = 0; w < 6; w++) await page.mouse.wheel(0, i % 2 ? 120 : -120);
    }
  });
}

async function relayout(page: Page) {
  const before = Number(await page.getByTestId("map-view").getAttribute("data-layout-runs"));
  const started = Date.now();
  // Zoomed out, the fold buttons are not drawn: fold the first position from the keyboard (Space).
  await page.locator(".react-flow__controls-fitview").click();
  const first = page.locator('.react-flow__node[tabindex="0"]');
  await first.focus();
  await page.keyboard.press("Space");
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid="map-view"]')?.dataset.layoutRuns) > n, before, { timeout: 60_000 });
  const layoutMs = Number(await page.getByTestId("map-view").getAttribute("data-layout-ms"));
  await page.keyboard.press("Space");
  return { totalMs: Date.now() - started, layoutMs };
}

async function main(): Promise<void> {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  console.log(`Parley map bench against ${baseURL}: ${size} arguments, ${runs} runs`);
  const board = await seedBigBoard(baseURL, size);
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await page.addInitScript("globalThis.__name = (f) => f;");
  await page.addInitScript(observe);
  await page.goto(board.facilitatorUrl);
  const dialog = page.getByTestId("name-dialog");
  await dialog.getByTestId("name-input").fill("Bench");
  await dialog.getByTestId("name-save").click();
  await page.getByTestId("argument-card").first().waitFor({ timeout: 240_000 });
  const results = [];
  for (let run = 0; run < runs; run++) {
    const first = await firstMap(page, `/b/${board.id}?view=map`);
    const idle = await framesDuring(page, () => page.waitForTimeout(3000));
    const motion = await panAndZoom(page, true);
    // Fitted, a big map is drawn as the canvas overview (docs/map-view.md); say which map was measured.
    const drawnAs = (await page.getByTestId("map-view").getAttribute("data-overview")) ? "canvas overview" : "DOM";
    const again = await relayout(page);
    // Zoomed in to reading size, only the nodes on screen are in the page (onlyRenderVisibleElements).
    const box = (await page.getByTestId("map-view").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    while (Number(await page.evaluate(() => (document.querySelector(".react-flow__viewport") as HTMLElement).style.transform.match(/scale\(([\d.]+)\)/)?.[1] ?? 1)) < 0.7) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(100);
    }
    const close = await panAndZoom(page, false);
    results.push({ first, motion, again, close });
    console.log(`run ${run + 1}: idle ${idle.fps.toFixed(1)} fps (the machine's baseline) | panning zoomed in: ${close.fps.toFixed(1)} fps, p95 ${round(close.p95)} ms, ${close.slow} of ${close.frames} over 16.7 ms`);
    console.log(
      `run ${run + 1}: ${first.nodes} nodes, layout ${round(first.layoutMs)} ms in the ${first.mode} (round trip ${round(first.roundTripMs)} ms), ` +
        `map shown at ${round(first.shownAt)} ms, ${first.longTasks} long tasks (longest ${round(first.longestTask)} ms) | ` +
        `pan+zoom (${drawnAs}) ${motion.frames} frames in ${motion.seconds.toFixed(1)} s: ${motion.fps.toFixed(1)} fps, p95 ${round(motion.p95)} ms, ${motion.slow} over 16.7 ms | ` +
        `fold re-layout ${round(again.layoutMs)} ms (${round(again.totalMs)} ms to screen)`,
    );
  }
  console.log(
    `median: layout ${round(median(results.map((r) => r.first.layoutMs)))} ms (worker), round trip ${round(median(results.map((r) => r.first.roundTripMs)))} ms, ` +
      `pan+zoom fitted ${median(results.map((r) => r.motion.fps)).toFixed(1)} fps, ${median(results.map((r) => r.motion.slow))} slow frames of ${median(results.map((r) => r.motion.frames))}; ` +
      `panning zoomed in ${median(results.map((r) => r.close.fps)).toFixed(1)} fps`,
  );
  await context.close();
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
