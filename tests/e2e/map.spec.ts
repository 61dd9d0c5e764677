import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { seedBigBoard } from "./big-board";
import { BoardPage, expect, test } from "./fixtures";

const QUOTED = "Even the policy's defenders call it a gamble";
const OTHER = "Tying aid to results is only fair";

/** The map as a person sees it: nodes are xyflow's node wrappers, named by argument or position id. */
const mapView = (page: Page) => page.getByTestId("map-view");
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function waitForLayout(page: Page): Promise<void> {
  await expect(mapView(page)).toBeVisible();
  await expect(mapView(page)).not.toHaveAttribute("data-layout-runs", "0", { timeout: 30_000 });
  await expect(page.getByTestId("map-node").first()).toBeVisible();
}

async function openMap(board: BoardPage): Promise<void> {
  await board.page.getByTestId("view-map").click();
  await expect(board.page).toHaveURL(/[?&]view=map/);
  await waitForLayout(board.page);
}

async function idOf(board: BoardPage, text: string): Promise<string> {
  const id = await board.card(text).first().getAttribute("data-argument-id");
  if (!id) throw new Error(`no card for ${text}`);
  return id;
}

async function activeNode(page: Page): Promise<{ id: string | null; parent: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { id: active?.dataset.id ?? null, parent: active?.dataset.parentId ?? null };
  });
}

test("the Map toggle opens the map in the URL, a link opens it again, and nodes are drawn at the spec's size", async ({ person }, testInfo) => {
  const amira = await person("Amira");
  await openMap(amira);
  const cards = await amira.page.getByTestId("argument-card").count();
  // Every argument and position is a node, once laid out (the columns are still beside the map).
  const total = Number(await amira.page.getByTestId("show-board").locator("span").first().textContent());
  const positions = await amira.page.locator('[data-testid^="position-column-"]').count();
  await expect(mapView(amira.page)).toHaveAttribute("data-node-count", String(total + positions));
  expect(cards).toBeGreaterThan(0);
  await expect(mapView(amira.page)).toHaveAttribute("data-layout-mode", "worker");

  const quoted = await idOf(amira, QUOTED);
  await expect(node(amira.page, quoted)).toHaveCSS("width", "240px");
  // Support and attack differ in colour AND line style, and the legend says which is which.
  await expect(amira.page.locator('[data-relation="attack"] path').first()).toHaveCSS("stroke-dasharray", "7px, 5px");
  await expect(amira.page.locator('[data-relation="support"] path').first()).toHaveCSS("stroke-dasharray", "none");
  await expect(amira.page.getByTestId("map-legend")).toContainText("Attacks");
  await expect(amira.page.locator(".react-flow__minimap")).toBeVisible();
  await expectNoSeriousA11yViolations(amira.page, "map view", testInfo);

  await amira.page.reload();
  await amira.waitUntilLive();
  await waitForLayout(amira.page);
  await expect(amira.page.getByTestId("view-map")).toHaveAttribute("aria-pressed", "true");

  await amira.page.getByTestId("view-columns").click();
  await expect(mapView(amira.page)).toHaveCount(0);
  await expect(amira.page).not.toHaveURL(/view=map/);
});

test("selecting a node shows its quotes and its card; a card or a quote selects its node", async ({ person }) => {
  const amira = await person("Amira");
  await openMap(amira);
  const quoted = await idOf(amira, QUOTED);
  const other = await idOf(amira, OTHER);

  await node(amira.page, quoted).click();
  await expect(node(amira.page, quoted)).toHaveAttribute("data-selected", "true");
  const selectedQuote = amira.page.locator('[data-testid="highlight"][data-selected]').first();
  await expect(selectedQuote).toBeInViewport();
  await expect(selectedQuote).toHaveAttribute("data-argument-ids", new RegExp(quoted));
  await expect(amira.card(QUOTED).first()).toBeInViewport();

  // A card, clicked in the columns, selects and centres its node.
  await amira.card(OTHER).first().locator("p").first().click();
  await expect(node(amira.page, other)).toHaveAttribute("data-selected", "true");
  await expect(node(amira.page, other)).toBeInViewport();
  // One selection at a time (the old node may have scrolled out of view and out of the page).
  await expect(amira.page.locator('[data-testid="map-node"][data-selected]')).toHaveCount(1);

  // A highlighted quote in the article selects the first argument that cites it.
  const highlight = amira.page.getByTestId("highlight").filter({ hasText: "reversing these policies" }).first();
  const citing = (await highlight.getAttribute("data-argument-ids"))!.split(" ")[0]!;
  await highlight.click();
  await expect(node(amira.page, citing)).toHaveAttribute("data-selected", "true");
  await amira.page.keyboard.press("Escape");
});

test("a subtree folds and unfolds, by button and by keyboard, and arrows walk the tree", async ({ person }) => {
  const amira = await person("Amira");
  await openMap(amira);
  const page = amira.page;

  // The first node (a position) is the map's one tab stop; focus moves a frame after each key.
  const first = page.locator('.react-flow__node[tabindex="0"]');
  // The map may still be fitting itself to the screen: focus the tab stop until a node holds focus.
  await expect.poll(async () => { await first.focus(); return (await activeNode(page)).id; }).not.toBeNull();
  const position = (await activeNode(page)).id!;
  // Focus zooms a map too small to read to reading size: let it arrive before the first key.
  await expect(mapView(page)).not.toHaveAttribute("data-moving", "");
  const focusedAfter = async (key: string) => {
    const before = (await activeNode(page)).id;
    await page.keyboard.press(key);
    // Focus may pass through the page while the map pans to the next node (an off-screen node is not
    // rendered until it is in view): wait until another node holds it.
    await expect.poll(async () => { const id = (await activeNode(page)).id; return id !== null && id !== before; }).toBe(true);
    return activeNode(page);
  };
  const child = await focusedAfter("ArrowDown");
  expect(child.parent).toBe(position);
  const sibling = await focusedAfter("ArrowRight");
  expect(sibling.parent).toBe(position);
  expect((await focusedAfter("ArrowLeft")).id).toBe(child.id);
  expect((await focusedAfter("ArrowUp")).id).toBe(position);

  // Enter on an argument selects it: its card comes into view.
  await focusedAfter("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(node(page, child.id!)).toHaveAttribute("data-selected", "true");
  await expect(page.locator(`#argument-${child.id}`)).toBeInViewport();

  // Space folds the position's subtree into a count, and unfolds it again.
  const before = Number(await mapView(page).getAttribute("data-node-count"));
  await focusedAfter("ArrowUp");
  await page.keyboard.press("Space");
  await expect(node(page, position)).not.toHaveAttribute("data-hidden-count", "0");
  const hidden = Number(await node(page, position).getAttribute("data-hidden-count"));
  await expect(mapView(page)).toHaveAttribute("data-node-count", String(before - hidden));
  await expect(node(page, position)).toContainText(`+${hidden} hidden`);
  await page.keyboard.press("Space");
  await expect(mapView(page)).toHaveAttribute("data-node-count", String(before));

  // The fold button does the same with the mouse, and the node stays under the pointer while the map
  // is laid out again around it.
  const fold = node(page, position).getByTestId("map-fold");
  const stillAt = async (box: { x: number; y: number }) =>
    expect.poll(async () => { const now = await fold.boundingBox(); return now !== null && Math.abs(now.x - box.x) < 2 && Math.abs(now.y - box.y) < 2; }).toBe(true);
  let where = (await fold.boundingBox())!;
  await expect.poll(async () => { const previous = where; where = (await fold.boundingBox())!; return where.x === previous.x && where.y === previous.y; }).toBe(true);
  await fold.click();
  await expect(mapView(page)).toHaveAttribute("data-node-count", String(before - hidden));
  await stillAt(where);
  await fold.click();
  await expect(mapView(page)).toHaveAttribute("data-node-count", String(before));
  await stillAt(where);
});

test("the map follows other people's adds, edits and deletes live", async ({ person }) => {
  const amira = await person("Amira");
  const jonas = await person("Jonas");
  await openMap(amira);
  const before = Number(await mapView(amira.page).getAttribute("data-node-count"));

  await jonas.card(OTHER).first().getByTestId("card-reply").click();
  const text = `Map live check: conditions must be measurable (${Date.now()}).`;
  await jonas.writeArgument({ stance: "against", text });
  await expect(jonas.card(text)).toBeVisible();
  const id = await idOf(jonas, text);
  await expect(node(amira.page, id)).toBeAttached({ timeout: 20_000 });
  await expect(node(amira.page, id)).toHaveAttribute("data-stance", "against");
  await expect(node(amira.page, id)).toHaveAttribute("data-parent-id", await idOf(amira, OTHER));
  await expect(mapView(amira.page)).toHaveAttribute("data-node-count", String(before + 1));

  await jonas.card(text).getByTestId("card-edit").click();
  const edited = `Edited on the map: aid conditions need numbers (${Date.now()}).`;
  await jonas.editor.getByTestId("editor-text").fill(edited);
  await jonas.editor.getByTestId("editor-save").click();
  await expect(node(amira.page, id)).toHaveAttribute("aria-label", new RegExp(edited.replace(/[().]/g, "\\$&")), { timeout: 20_000 });

  await jonas.card(edited).getByTestId("card-delete").click();
  await jonas.page.getByTestId("delete-confirm").click();
  await expect(node(amira.page, id)).toHaveCount(0, { timeout: 20_000 });
  await expect(mapView(amira.page)).toHaveAttribute("data-node-count", String(before));
});

test("on a phone the map is a tab of its own, and a link with ?view=map opens it", async ({ person }) => {
  const amira = await person("Amira");
  await amira.page.setViewportSize({ width: 390, height: 844 });
  await amira.page.goto("/b/demo?view=map");
  await amira.waitUntilLive();
  await expect(amira.page.getByTestId("show-map")).toHaveAttribute("aria-pressed", "true");
  await waitForLayout(amira.page);
  await expect(amira.page.getByTestId("article-pane")).toBeHidden();
  await expect(amira.page.getByTestId("view-map")).toBeHidden();

  await amira.page.getByTestId("show-board").click();
  await expect(mapView(amira.page)).toBeHidden();
  await expect(amira.page.getByTestId("argument-card").first()).toBeVisible();
  await amira.page.getByTestId("show-map").click();
  await expect(mapView(amira.page)).toBeVisible();
  await expect(amira.page.getByTestId("map-node").first()).toBeInViewport();
});

test("a big map zoomed out is one canvas: a click picks and zooms to a node, keyboard focus zooms in, the DOM nodes come back", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const board = await seedBigBoard(baseURL!, 300);
  const host = new BoardPage(page);
  await page.goto(board.facilitatorUrl);
  await host.chooseName("Overview tester");
  await host.waitUntilLive();
  await openMap(host);
  const map = mapView(page);
  const overview = page.getByTestId("map-overview");

  // Fitted, 300 arguments are far below reading size; zoom out further if the fit was not far enough.
  await page.locator(".react-flow__controls-fitview").click();
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(async () => {
    if ((await map.getAttribute("data-overview")) === null) await page.mouse.wheel(0, 200);
    await expect(map).toHaveAttribute("data-overview", "true", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(overview).toBeVisible();
  await expect(overview).toHaveAttribute("aria-hidden", "true");
  await expect(page.getByTestId("map-overview-note")).toContainText("zoomed out");
  // Only the keyboard's tab stop (and a selected node) stays in paint; the edges are on the canvas.
  expect(await page.locator(".react-flow__node:visible").count()).toBeLessThanOrEqual(2);
  await expect(page.locator(".react-flow__edges")).toBeHidden();
  await expect(page.locator(".react-flow__minimap")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "map overview", testInfo);

  // Where an argument's box is drawn: its layout position through the viewport's transform.
  const target = page.locator('.react-flow__node[data-kind="argument"]').nth(20);
  const id = (await target.getAttribute("data-id"))!;
  const spot = await page.evaluate((nodeId) => {
    const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)!;
    const [nx, ny] = element.style.transform.match(/-?[\d.]+/g)!.map(Number);
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport")!.style.transform.match(/-?[\d.]+/g)!.map(Number);
    const [vx, vy, zoom] = viewport as [number, number, number];
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    return { x: pane.left + vx + (nx! + 120) * zoom, y: pane.top + vy + (ny! + 20) * zoom, zoom };
  }, id);
  expect(spot.zoom).toBeLessThan(0.35);
  await page.mouse.click(spot.x, spot.y);
  await expect(node(page, id)).toHaveAttribute("data-selected", "true");
  await expect(map).not.toHaveAttribute("data-overview", /.*/, { timeout: 10_000 });
  await expect(overview).toHaveCount(0);
  await expect(node(page, id)).toBeInViewport();
  await expect.poll(() => page.locator(".react-flow__node:visible").count()).toBeGreaterThan(3);
  await expect(page.locator('[data-relation="attack"] path').first()).toBeAttached();

  // Back to the overview, then the keyboard: the tab stop, once focused, brings the map to reading size.
  await page.locator(".react-flow__controls-fitview").click();
  await expect(async () => {
    if ((await map.getAttribute("data-overview")) === null) await page.mouse.wheel(0, 200);
    await expect(map).toHaveAttribute("data-overview", "true", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.locator('.react-flow__node[tabindex="0"]').focus();
  await expect(map).not.toHaveAttribute("data-overview", /.*/, { timeout: 10_000 });
  // Arrow keys keep walking the tree (up: what the picked argument answers).
  const focused = (await activeNode(page)).id;
  await page.keyboard.press("ArrowUp");
  await expect.poll(async () => (await activeNode(page)).id).not.toBe(focused);
  await expect(page.locator(":focus")).toBeInViewport();
});
