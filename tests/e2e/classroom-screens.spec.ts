import type { Locator, Page } from "@playwright/test";
import { BoardPage, expect, test } from "./fixtures";
import { seedLesson } from "./lesson-seed";
import { expectAbsentFor, FacilitatorPanel, ResultsDialog, ReviewPage } from "./session-pages";

/**
 * The screens a class sees and a teacher reviews, at a real lesson's volume: the review with 500
 * events, the results dialog, and the projector from the back of the room.
 */

const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 820, height: 1180 },
  { name: "desktop", width: 1440, height: 900 },
] as const;

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  expect(found, "element has a box").not.toBeNull();
  return found!;
}

async function fontPx(locator: Locator): Promise<number> {
  return locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** Opens the board as its facilitator (the import's invite link) and waits until it is live. */
async function asFacilitator(page: Page, url: string): Promise<BoardPage> {
  const board = await joinAsFacilitator(page, url);
  await board.waitUntilLive();
  return board;
}

/** Takes the facilitator's place on the board (stored in this browser), without waiting for the board to render. */
async function joinAsFacilitator(page: Page, url: string): Promise<BoardPage> {
  const board = new BoardPage(page);
  await page.goto(url);
  await board.chooseName("Ms Rivera");
  const boardId = new URL(url, "http://x").pathname.split("/")[2];
  await expect.poll(() => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null")?.role ?? null, `parley.member.${boardId}`)).toBe("facilitator");
  return board;
}

test("the review of a 500-event lesson: the feed scrolls in its own virtualised box and never covers the contributions", async ({ request, page }) => {
  test.setTimeout(120_000);
  // Mostly arguments: an import stores its ballots one by one in a 5 s transaction, which a few hundred overrun.
  const lesson = await seedLesson(request, { title: `Long lesson ${Date.now()}`, argumentCount: 400, ballots: 100, minutes: 45 });
  expect(lesson.events).toBeGreaterThanOrEqual(500);
  await joinAsFacilitator(page, lesson.facilitatorUrl);
  const review = await new ReviewPage(page).open(lesson.id);
  const feed = page.getByTestId("activity-feed");
  await expect.poll(async () => Number(await feed.getAttribute("data-count"))).toBeGreaterThanOrEqual(500);
  const total = Number(await feed.getAttribute("data-count"));

  for (const size of WIDTHS) {
    await test.step(`${size.name} (${size.width}px)`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      // Its own scroll area: taller content than box, and only a window of rows in the page.
      await expect.poll(() => feed.evaluate((el) => el.scrollHeight > el.clientHeight + 100)).toBe(true);
      const rendered = await review.page.getByTestId("activity-entry").count();
      expect(rendered).toBeGreaterThan(0);
      expect(rendered).toBeLessThan(100);

      // Scrolled to its end, the last entry is there, and still only a window of rows.
      await feed.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(page.locator(`[data-testid="activity-entry"][aria-posinset="${total}"]`)).toBeVisible();
      expect(await page.getByTestId("activity-entry").count()).toBeLessThan(100);

      const feedSection = page.locator("section", { has: feed });
      const contributions = page.locator("section", { has: page.getByTestId("contributions-table") });
      const csv = page.getByTestId("contributions-csv");
      await csv.scrollIntoViewIfNeeded();
      const [feedBox, scrollBox, tableBox, csvBox] = await Promise.all([box(feedSection), box(feed), box(contributions), box(csv)]);
      expect(intersects(feedBox, tableBox), "feed overlaps the contributions").toBe(false);
      expect(intersects(feedBox, csvBox), "feed overlaps the CSV button").toBe(false);
      // The list stays inside its own box.
      expect(scrollBox.y + scrollBox.height).toBeLessThanOrEqual(feedBox.y + feedBox.height + 1);
      // Nothing lies on top of the button: the topmost element at its centre is the button itself.
      const onTop = await csv.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return hit !== null && el.contains(hit);
      });
      expect(onTop).toBe(true);
      await csv.click({ trial: true });
    });
  }

  const { text } = await review.downloadCsv();
  expect(text.split("\n")[0]).toMatch(/arguments/i);
});

test("results of a real lesson: labelled sums, a teams table that fits, and a time axis with several ticks", async ({ request, page }) => {
  test.setTimeout(90_000);
  const lesson = await seedLesson(request, { title: `Results lesson ${Date.now()}`, argumentCount: 12, ballots: 96, minutes: 40 });
  await asFacilitator(page, lesson.facilitatorUrl);

  for (const size of [WIDTHS[0], WIDTHS[2]]) {
    await test.step(`${size.name} (${size.width}px)`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const results = await new ResultsDialog(page).open();
      await results.expectBarChart();
      await expect(results.root.getByTestId("results-subtitle")).toContainText("add those averages up");
      await expect(results.root.getByTestId("bars-axis-title")).toContainText("average strength (each 1–5)");
      // Every bar says what it is: a sum and how many arguments make it up.
      const values = await results.root.getByTestId("bar-value").allTextContents();
      expect(values.length).toBeGreaterThanOrEqual(4);
      for (const value of values) expect(value).toMatch(/^\d+(\.\d)? · \d+ args?$/);
      // The chart and its table fit their column: no label cut off at the right edge.
      const barsFit = await results.root.getByTestId("results-bars").evaluate((figure) => {
        const section = figure.parentElement!;
        return figure.scrollWidth <= figure.clientWidth && section.scrollWidth <= section.clientWidth && figure.getBoundingClientRect().right <= section.getBoundingClientRect().right + 1;
      });
      expect(barsFit).toBe(true);
      const figureRight = (await box(results.root.getByTestId("results-bars"))).x + (await box(results.root.getByTestId("results-bars"))).width;
      for (const label of await results.root.getByTestId("bar-value").all()) {
        const b = await box(label);
        expect(b.x + b.width, "a bar's label runs out of the chart").toBeLessThanOrEqual(figureRight + 1);
      }

      const teams = results.root.getByTestId("results-teams");
      await teams.scrollIntoViewIfNeeded();
      await expect(teams.locator("tbody tr")).toHaveCount(2);
      const fits = await teams.evaluate((table) => {
        const wrap = table.parentElement!;
        const cells = [...table.querySelectorAll("th, td")];
        return { wrap: wrap.scrollWidth <= wrap.clientWidth, cells: cells.every((c) => c.scrollWidth <= c.clientWidth + 1) };
      });
      expect(fits).toEqual({ wrap: true, cells: true });
      await expect(teams).toContainText("Team Conditional-Aid Strengtheners");
      await expect(teams.locator("thead")).toContainText("Strength");

      const ticks = await results.root.getByTestId("timeline-x-tick").allTextContents();
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(new Set(ticks).size).toBe(ticks.length);
      // Side by side, never on top of each other.
      const tickBoxes = await results.root.locator('[data-testid="timeline-x-tick"] text').evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
      for (let i = 1; i < tickBoxes.length; i++) expect(tickBoxes[i].left).toBeGreaterThanOrEqual(tickBoxes[i - 1].right);
      await results.close();
    });
  }
});

test("the projector shows the spotlit argument large, the phase and clock, and the results only once revealed", async ({ request, page, freshContext }) => {
  test.setTimeout(120_000);
  const lesson = await seedLesson(request, { title: `Projected lesson ${Date.now()}`, argumentCount: 6, ballots: 36, minutes: 10 });
  const teacher = await asFacilitator(page, lesson.facilitatorUrl);
  const panel = await new FacilitatorPanel(teacher).open();
  const projectorUrl = (await panel.root.getByTestId("invite-projector-link").getAttribute("href"))!;
  await panel.startFirstPhase();
  const spotlit = lesson.texts[0];
  await teacher.card(spotlit).getByTestId("card-spotlight").click();

  const projector = await (await freshContext()).newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(projectorUrl);
  await expect(projector.getByTestId("projector-phase")).toHaveText("Drafting");
  await expect(projector.getByTestId("projector-timer")).toHaveText(/^\d+:\d\d$/);
  const stage = projector.getByTestId("projector-spotlight");
  await expect(stage.getByTestId("projector-spotlight-text")).toHaveText(spotlit);
  const quote = stage.getByTestId("projector-spotlight-quote");
  const author = stage.getByTestId("projector-spotlight-author");
  await expect(quote).toBeVisible();
  expect(await fontPx(quote)).toBeGreaterThanOrEqual(28);
  expect(await fontPx(author)).toBeGreaterThanOrEqual(20);
  expect(await fontPx(stage.getByTestId("projector-spotlight-text"))).toBeGreaterThanOrEqual(36);
  await expect(stage).toBeInViewport();

  // Votes are hidden: the room sees no results, even though the facilitator has them.
  await expectAbsentFor(projector.getByTestId("projector-results"), 1_000);
  const results = await new ResultsDialog(page).open();
  const reveal = results.root.getByTestId("reveal-votes");
  const chart = projector.getByTestId("projector-results");
  const setRevealed = async (on: boolean) => {
    await reveal.click();
    await expect(reveal).toHaveAttribute("data-revealed", String(on));
  };

  await setRevealed(true);
  await expect(chart.locator("svg[role=img]")).toBeVisible();
  await expect(chart.locator("svg[role=img]")).toBeInViewport();
  await expect(chart.getByTestId("bar-value").first()).toHaveText(/ · \d+ args?$/);
  await setRevealed(false);
  await expect(chart).toHaveCount(0);

  await test.step("still readable on a 1280×720 projector", async () => {
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expect(stage).toBeInViewport();
    await expect(projector.getByTestId("projector-timer")).toBeInViewport();
    expect(await fontPx(quote)).toBeGreaterThanOrEqual(22);
    expect(await fontPx(author)).toBeGreaterThanOrEqual(20);
    expect(await fontPx(stage.getByTestId("projector-spotlight-text"))).toBeGreaterThanOrEqual(28);
    // Nothing runs off the side of the screen.
    expect(await projector.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await projector.getByTestId("projector-stage").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Below the spotlight on a small screen, the results scroll into view by themselves when revealed.
    await setRevealed(true);
    await expect(chart.locator("svg[role=img]")).toBeInViewport({ ratio: 0.5 });
  });
});
