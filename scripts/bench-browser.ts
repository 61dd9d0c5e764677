/**
 * `npm run bench:browser [-- --url http://localhost:3000] [--sizes 100,1000]`: how a long board feels in
 * Chromium. Against a running server (`npm start`), for each size it imports a generated board (see
 * tests/e2e/big-board.ts), joins it as the facilitator and prints:
 *   - time to interactive: navigation start → the board's cards are on screen and the main thread has
 *     had no long task for a second (the end of the last long task, if later than the cards);
 *   - typing latency: 75 characters typed into the editor, keydown → the frame after it (rAF, then a
 *     macrotask: the first moment after the keystroke has been painted), p50/p95/max, and long tasks;
 *     also the work alone (keydown → the first task after the key's events and React's render, before
 *     waiting for a frame), and the same typing into a bare <textarea> on an empty page: the floor set
 *     by waiting for the next frame, which no app can go under;
 *   - scroll smoothness: the board pane scrolled 150 px a frame from the top (to the end, or for 900
 *     frames at most), and how many frames took over 16 ms.
 * Each size is loaded `--runs` times (default 3) and the medians are printed.
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
const sizes = option("sizes", "100,1000").split(",").map(Number);
/** Loads per size; the figures printed are the medians (a shared machine is noisy). */
const runs = Math.max(1, Number(option("runs", "3")));
const TYPED = "The bus lanes carry more people per hour than the parking they replaced, ok.".padEnd(75, ".").slice(0, 75);

declare global {
  interface Window {
    __bench: { longTasks: { start: number; end: number }[]; keyLatencies: number[]; keyWork: number[] };
  }
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (n: number) => `${Math.round(n)} ms`;

/** Long tasks from the very start of each page load. */
function observeLongTasks(): void {
  window.__bench = { longTasks: [], keyLatencies: [], keyWork: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: "longtask", buffered: true });
}

async function timeToInteractive(page: Page, url: string): Promise<{ tti: number; cardsAt: number; longTasks: number }> {
  await page.goto(url);
  // Polled every frame: the first frame in which cards are on screen and the board is live.
  const readyAt = await (
    await page.waitForFunction(
      () => document.querySelector('[data-testid="argument-card"]') && document.querySelector('[data-testid="sync-status"][data-status="live"]') && performance.now(),
      undefined,
      { polling: "raf", timeout: 60_000 },
    )
  ).jsonValue();
  // Quiet for a second: no long task has ended within the last 1000 ms.
  await page.waitForFunction(() => {
    const last = window.__bench.longTasks.at(-1);
    return performance.now() - (last?.end ?? 0) > 1000;
  }, undefined, { polling: 100, timeout: 60_000 });
  const { lastEnd, longTasks } = await page.evaluate(() => ({ lastEnd: window.__bench.longTasks.at(-1)?.end ?? 0, longTasks: window.__bench.longTasks.length }));
  return { tti: Math.max(Number(readyAt), lastEnd), cardsAt: Number(readyAt), longTasks };
}

async function typingLatency(page: Page) {
  await page.getByTestId("lane-add-for").first().click();
  const text = page.getByTestId("editor-text");
  await text.waitFor();
  await text.focus();
  const measured = await typeMeasured(page);
  await page.getByTestId("editor-cancel").click().catch(() => undefined);
  return measured;
}

/** Types TYPED into the focused field, timing each key: to the next painted frame, and the work alone. */
async function typeMeasured(page: Page) {
  const before = await page.evaluate(() => {
    window.__bench.keyLatencies = [];
    window.__bench.keyWork = [];
    document.addEventListener(
      "keydown",
      (event) => {
        const at = event.timeStamp;
        // A message-channel task runs after this key's keydown/input handlers and React's render, before any frame.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__bench.keyWork.push(performance.now() - at);
        channel.port2.postMessage(null);
        requestAnimationFrame(() => setTimeout(() => window.__bench.keyLatencies.push(performance.now() - at), 0));
      },
      true,
    );
    return window.__bench.longTasks.length;
  });
  await page.keyboard.type(TYPED, { delay: 40 });
  await page.waitForFunction((n) => window.__bench.keyLatencies.length >= n && window.__bench.keyWork.length >= n, TYPED.length);
  const { latencies, work, longTasks } = await page.evaluate((from) => ({ latencies: window.__bench.keyLatencies, work: window.__bench.keyWork, longTasks: window.__bench.longTasks.length - from }), before);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies), workP95: percentile(work, 95), longTasks };
}

/** The same typing into a bare textarea on an empty page: what waiting for the next frame costs by itself. */
async function typingFloor(page: Page) {
  await page.setContent("<textarea id=floor></textarea>");
  await page.evaluate(observeLongTasks);
  await page.focus("#floor");
  return typeMeasured(page);
}

async function scrollSmoothness(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ frames: number; slow: number; p95: number; reachedEnd: boolean }>((resolve) => {
        const pane = document.getElementById("pane-board")!;
        pane.scrollTop = 0;
        const deltas: number[] = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          deltas.push(now - last);
          last = now;
          const end = pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 2;
          if (end || deltas.length > 900) {
            const sorted = deltas.slice(1).sort((a, b) => a - b);
            resolve({ frames: sorted.length, slow: sorted.filter((d) => d > 17).length, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0, reachedEnd: end });
            return;
          }
          pane.scrollTop += 150;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
}

async function main(): Promise<void> {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  console.log(`Parley browser bench against ${baseURL}`);
  {
    const page = await browser.newPage();
    const floors: Awaited<ReturnType<typeof typingFloor>>[] = [];
    for (let run = 0; run < runs; run++) floors.push(await typingFloor(page));
    const median = (pick: (sample: (typeof floors)[number]) => number) => percentile(floors.map(pick), 50);
    console.log(`floor: a bare <textarea> (median of ${runs}) | typing p50 ${ms(median((x) => x.p50))} p95 ${ms(median((x) => x.p95))} max ${ms(median((x) => x.max))}, work p95 ${ms(median((x) => x.workP95))}`);
    await page.close();
  }
  for (const size of sizes) {
    const board = await seedBigBoard(baseURL, size);
    const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    // tsx (esbuild keepNames) wraps named inner functions in __name(); give the page a no-op one.
    await page.addInitScript("globalThis.__name = (f) => f;");
    await page.addInitScript(observeLongTasks);
    // First visit joins as facilitator (name dialog); the measured load is the second visit.
    await page.goto(board.facilitatorUrl);
    const dialog = page.getByTestId("name-dialog");
    await dialog.getByTestId("name-input").fill("Bench");
    await dialog.getByTestId("name-save").click();
    await page.getByTestId("argument-card").first().waitFor({ timeout: 60_000 });
    const samples: { load: Awaited<ReturnType<typeof timeToInteractive>>; typing: Awaited<ReturnType<typeof typingLatency>>; scroll: Awaited<ReturnType<typeof scrollSmoothness>> }[] = [];
    for (let run = 0; run < runs; run++) {
      const load = await timeToInteractive(page, `/b/${board.id}`);
      samples.push({ load, typing: await typingLatency(page), scroll: await scrollSmoothness(page) });
    }
    const median = (pick: (sample: (typeof samples)[number]) => number) => percentile(samples.map(pick), 50);
    console.log(
      `${String(size).padStart(5)} arguments (median of ${runs}) | interactive ${ms(median((x) => x.load.tti))} (cards at ${ms(median((x) => x.load.cardsAt))}, ` +
        `${median((x) => x.load.longTasks)} long tasks) | typing p50 ${ms(median((x) => x.typing.p50))} p95 ${ms(median((x) => x.typing.p95))} ` +
        `max ${ms(median((x) => x.typing.max))}, work p95 ${ms(median((x) => x.typing.workP95))}, ${median((x) => x.typing.longTasks)} long tasks | scroll ${median((x) => x.scroll.frames)} frames, ` +
        `${median((x) => x.scroll.slow)} over 16 ms, p95 ${ms(median((x) => x.scroll.p95))}`,
    );
    await context.close();
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
