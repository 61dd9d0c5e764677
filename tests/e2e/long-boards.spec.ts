import type { Page } from "@playwright/test";
import { BoardPage, expect, test } from "./fixtures";
import { seedBigBoard, type BigBoard } from "./big-board";
import { createManagedBoard, FacilitatorPanel } from "./session-pages";

/**
 * Long boards stay usable: compact cards, folding replies, search/filter/sort, and a virtualised
 * 1,000-argument board that scrolls to its end and takes a new argument. Boards are seeded through
 * the JSON import route (tests/e2e/big-board.ts). No timings here: speed is `npm run bench:browser`'s.
 */

let people = 0;

/** Joins through the facilitator invite under a name of its own (one board serves several tests). */
async function openAsFacilitator(page: Page, board: BigBoard | { facilitatorUrl: string }): Promise<BoardPage> {
  const view = new BoardPage(page);
  await page.goto(board.facilitatorUrl);
  await view.chooseName(`Facilitator ${++people}`);
  await view.waitUntilLive();
  return view;
}

const pointNumber = async (card: ReturnType<BoardPage["card"]>) => Number((await card.locator("p").first().textContent())?.match(/^Point (\d+):/)?.[1]);

test("cards are compact: ratings only in the voting phase or on asking to rate", async ({ request, page }) => {
  // About card layout, not citing: its arguments carry no quotes (must-cite.spec.ts covers the rule).
  const managed = await createManagedBoard(request, "Compact cards", { mustCite: false });
  const host = await openAsFacilitator(page, managed);
  await page.getByTestId("lane-add-for").first().click();
  const text = `Compact card check (${Date.now()})`;
  await host.writeArgument({ stance: "for", text });
  const card = host.card(text);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("vote-controls")).toHaveCount(0);

  await card.getByTestId("card-rate").click();
  await expect(card.getByTestId("vote-controls")).toBeVisible();
  await card.getByTestId("card-rate").click();
  await expect(card.getByTestId("vote-controls")).toHaveCount(0);

  const panel = await new FacilitatorPanel(host).open();
  await panel.startPhase("voting");
  await expect(card.getByTestId("vote-controls")).toHaveAttribute("data-mode", "prominent");
  await expect(card.getByTestId("card-rate")).toHaveCount(0);
});

test.describe("a 100-argument board", () => {
  let board: BigBoard;
  test.beforeAll(async ({ baseURL }) => {
    board = await seedBigBoard(baseURL!, 100);
  });

  test("replies fold and unfold under their argument, with a count", async ({ page }) => {
    const host = await openAsFacilitator(page, board);
    const cards = page.getByTestId("argument-card");
    await expect(page.getByTestId("board-match-count")).toHaveAttribute("data-total", "100");
    await expect(cards).toHaveCount(100);

    const toggle = page.getByTestId("card-replies-toggle").first();
    const replies = Number(await toggle.getAttribute("data-count"));
    expect(replies).toBeGreaterThan(0);
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(toggle).toContainText(`Hide ${replies} repl`);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(toggle).toContainText(`Show ${replies} repl`);
    await expect(cards).toHaveCount(100 - replies);
    await toggle.click();
    await expect(cards).toHaveCount(100);

    await page.getByTestId("collapse-all").click();
    await expect.poll(() => cards.count()).toBeLessThan(100);
    await page.getByTestId("expand-all").click();
    await expect(cards).toHaveCount(100);
    await host.waitUntilLive();
  });

  test("search, filters and sort narrow and order the board, and live in the URL", async ({ page }) => {
    const host = await openAsFacilitator(page, board);
    const count = page.getByTestId("board-match-count");

    // "7:" ends Point 7, 17, … 97: ten arguments, whatever the generated words.
    await page.getByTestId("board-search").fill("7:");
    await expect(count).toHaveAttribute("data-matching", "10");
    await expect(count).toContainText("10 of 100 match");
    await expect(page.locator('[data-testid="argument-card"]:not([data-match])')).toHaveCount(10);
    await expect(page).toHaveURL(/[?&]q=7%3A/);

    await page.getByTestId("filter-stance").selectOption("against");
    await expect(page.getByTestId("lane-for")).toHaveCount(0);
    const againstOnly = Number(await count.getAttribute("data-matching"));
    expect(againstOnly).toBeLessThan(10);

    await page.getByTestId("filter-noquote").check();
    const unquoted = page.locator('[data-testid="argument-card"]:not([data-match])');
    for (const card of await unquoted.all()) await expect(card.getByTestId("card-quote")).toHaveCount(0);

    // The view survives a reload (and can be shared): it is in the URL.
    await page.reload();
    await host.waitUntilLive();
    await expect(page.getByTestId("board-search")).toHaveValue("7:");
    await expect(page.getByTestId("filter-stance")).toHaveValue("against");
    await expect(page.getByTestId("filter-noquote")).toBeChecked();

    await page.getByTestId("filter-clear").click();
    await expect(count).toHaveAttribute("data-matching", "100");
    await expect(page).not.toHaveURL(/[?&]q=/);

    // Newest first: the first two opening arguments of a lane come in falling order.
    await page.getByTestId("filter-position").selectOption({ index: 1 });
    await expect(page.locator('[data-testid^="position-column-"]')).toHaveCount(1);
    await page.getByTestId("board-sort").selectOption("newest");
    const openings = page.getByTestId("lane-for").locator('[data-testid="argument-card"][data-depth="0"]');
    await expect.poll(async () => (await pointNumber(openings.nth(0))) > (await pointNumber(openings.nth(1)))).toBe(true);
    await page.getByTestId("board-sort").selectOption("oldest");
    await expect.poll(async () => (await pointNumber(openings.nth(0))) < (await pointNumber(openings.nth(1)))).toBe(true);
  });

  for (const viewport of [
    { name: "phone", width: 390, height: 844 },
    { name: "tablet", width: 820, height: 1180 },
    { name: "desktop", width: 1366, height: 860 },
  ]) {
    test(`the toolbar fits a ${viewport.name} screen`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await openAsFacilitator(page, board);
      if (viewport.width < 900) await page.getByTestId("show-board").click();
      const toolbar = page.getByTestId("board-toolbar");
      await expect(toolbar).toBeVisible();
      for (const id of ["board-search", "board-match-count"]) {
        await expect(toolbar.getByTestId(id)).toBeInViewport();
        const box = (await toolbar.getByTestId(id).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      // Searching from the toolbar works at this size.
      await toolbar.getByTestId("board-search").fill("Point 100:");
      await expect(page.getByTestId("board-match-count")).toHaveAttribute("data-matching", "1");
    });
  }
});

test.describe("column headers", () => {
  for (const viewport of [
    { name: "tablet landscape", width: 1180, height: 820 },
    { name: "desktop", width: 1366, height: 860 },
  ]) {
    test(`line up across positions on a ${viewport.name}, so the For lanes start level`, async ({ page, baseURL }) => {
      const board = await seedBigBoard(baseURL!, 20);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await openAsFacilitator(page, board);
      const lanes = page.getByTestId("lane-for");
      await expect(lanes).toHaveCount(2);
      const [first, second] = await Promise.all([lanes.nth(0).boundingBox(), lanes.nth(1).boundingBox()]);
      expect(first!.x, "the two positions side by side").not.toBe(second!.x);
      expect(Math.abs(first!.y - second!.y), "For lanes start at the same height").toBeLessThanOrEqual(1);
    });
  }
});

test("a 1,000-argument board loads, scrolls to its last card, keeps Tab order and takes a new argument", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const board = await seedBigBoard(baseURL!, 1000);
  const host = await openAsFacilitator(page, board);
  await expect(page.getByTestId("board-match-count")).toHaveAttribute("data-total", "1000");
  // Virtualised: only a window of the cards is in the page.
  await expect.poll(() => page.getByTestId("argument-card").count()).toBeGreaterThan(0);
  expect(await page.getByTestId("argument-card").count()).toBeLessThan(250);

  // Scroll the board pane to the very end: the last row of the last lane is there.
  const lastLane = page.getByTestId("lane-virtual").last();
  const rows = Number(await lastLane.getAttribute("data-rows"));
  const lastRow = lastLane.locator(`[data-index="${rows - 1}"]`);
  await expect(async () => {
    await page.locator("#pane-board").evaluate((pane) => pane.scrollTo({ top: pane.scrollHeight }));
    await expect(lastRow.getByTestId("argument-card")).toBeInViewport({ timeout: 1_000 });
  }).toPass();

  // Tab walks card to card through rows that were not rendered when it started.
  await page.locator("#pane-board").evaluate((pane) => pane.scrollTo({ top: 0 }));
  await page.getByTestId("argument-card").first().focus();
  for (let i = 0; i < 80; i++) await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toBeInViewport();
  expect(await focused.evaluate((el) => Boolean(el.closest('[data-testid="argument-board"]')))).toBe(true);
  expect(await page.locator("#pane-board").evaluate((pane) => pane.scrollTop)).toBeGreaterThan(0);

  // A new argument lands at the end of its lane, far down, and the board brings it into view.
  await page.getByTestId("lane-add-for").first().click();
  // An imported board asks every argument to cite the article, like any new board.
  await host.cite("canceled a $300 million aid package");
  const text = `One more on a long board (${Date.now()})`;
  await host.writeArgument({ stance: "for", text });
  await expect(host.card(text)).toBeInViewport();
  await expect(page.getByTestId("board-match-count")).toHaveAttribute("data-total", "1001");
});
