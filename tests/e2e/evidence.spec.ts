import type { Page } from "@playwright/test";
import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard } from "./session-pages";

/**
 * The evidence heat-map and report, live across a facilitator, a participant and the projector: a
 * passage cited for one side is shaded for it; cited for the other side too, it becomes contested;
 * the uncited list shrinks and jumps to its passages; the review's evidence report counts it all.
 */

const SENTENCE = "Khan's maneuvering options are, however, limited.";
/** The end of the sentence before it: the facilitator's quote starts there, so it spans two sentences. */
const LEAD_IN = "in Islamabad. ";
const US_ONLY = "Cited 1× by The US position";
const CONTESTED = "Cited 1× by The US position, 1× by The Pakistani military position — contested";

test("heat-map shades cited passages live, marks contested ones, lists uncited ones; projector and report follow", async ({ request, freshContext }) => {
  test.setTimeout(300_000);
  const board = await createManagedBoard(request, `Evidence ${Date.now()}`);
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Ms Rivera");
  await teacher.waitUntilLive();
  await teacher.page.getByTestId("facilitate-button").click();
  const panel = teacher.page.getByTestId("facilitator-panel");
  const participantUrl = (await panel.getByTestId("invite-participant-link").getAttribute("href"))!;
  const projectorUrl = (await panel.getByTestId("invite-projector-link").getAttribute("href"))!;
  await teacher.page.getByTestId("facilitate-button").click();

  // The facilitator turns the heat-map on: nothing is cited yet on a new board.
  const toggle = teacher.page.getByTestId("heat-toggle");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(teacher.page.getByTestId("heat-map")).toBeVisible();
  const total = await teacher.page.getByTestId("heat-passage").count();
  expect(total).toBeGreaterThan(50);
  await expect(teacher.page.getByTestId("uncited-count")).toHaveText(String(total));
  await expect(teacher.page.getByTestId("heat-contested-count")).toHaveText("0");
  const passage = teacher.page.getByTestId("heat-passage").filter({ hasText: SENTENCE });
  await expect(passage).toHaveAttribute("data-uncited", "true");

  // The projector shows the heat-map when opened with ?heat=1.
  const projector = await (await freshContext()).newPage();
  await projector.goto(`${projectorUrl}${projectorUrl.includes("?") ? "&" : "?"}heat=1`);
  await expect(projector.getByTestId("projector-heat-map")).toBeVisible();
  await expect(projector.getByTestId("projector-heat-toggle")).toHaveAttribute("aria-pressed", "true");
  const projected = projector.getByTestId("heat-passage").filter({ hasText: SENTENCE });
  await expect(projected).toHaveAttribute("data-uncited", "true");

  // A participant, in another browser, cites the sentence for the US position.
  await citeForTheUs(await (await freshContext()).newPage(), participantUrl);

  await expect(passage).toHaveAttribute("title", US_ONLY);
  await expect(passage).not.toHaveAttribute("data-contested", /.*/);
  await expect(teacher.page.getByTestId("uncited-count")).toHaveText(String(total - 1));
  await expect(projected).toHaveAttribute("title", US_ONLY);

  // The facilitator quotes it, with the end of the sentence before, against the US position (on a two-position board, the other side's case),
  // citing straight from the shaded article: the heat-map keeps selection and Cite working.
  await teacher.cite(LEAD_IN + SENTENCE);
  await teacher.writeArgument({ position: "us", stance: "against", text: `Limited options mean pressure backfires (${Date.now()}).` });
  await teacher.waitUntilSaved();
  await expect(passage).toHaveAttribute("title", CONTESTED);
  await expect(passage).toHaveAttribute("data-contested", "true");
  await expect(teacher.page.getByTestId("heat-contested-count")).toHaveText("1");
  await expect(teacher.page.getByTestId("uncited-count")).toHaveText(String(total - 2));
  await expect(projected).toHaveAttribute("data-contested", "true");
  // The words are there for assistive technology too, not only the colours.
  const describedBy = (await passage.getAttribute("aria-describedby"))!;
  await expect(teacher.page.locator(`[id="${describedBy}"]`)).toHaveText(CONTESTED);

  // The uncited list jumps to its passage.
  await teacher.page.getByTestId("uncited-list").locator("summary").click();
  const last = teacher.page.getByTestId("uncited-passage").last();
  const index = (await last.getAttribute("data-heat-index"))!;
  await last.click();
  const target = teacher.page.locator(`[data-testid="heat-passage"][data-heat-index="${index}"]`);
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();

  // The projector's own switch turns it off again.
  await projector.getByTestId("projector-heat-toggle").click();
  await expect(projector.getByTestId("projector-heat-map")).toHaveCount(0);

  // The review's evidence report counts both sides.
  await teacher.page.goto(`/b/${board.id}/review`);
  const report = teacher.page.getByTestId("evidence-report");
  await expect(report.getByTestId("evidence-passages")).toHaveText(`2 of ${total} sentences cited · 1 contested · ${total - 2} not yet cited`);
  const sides = report.getByTestId("evidence-sides").getByTestId("evidence-row");
  await expect(sides).toHaveCount(2);
  for (const row of [sides.nth(0), sides.nth(1)]) {
    await expect(row.getByTestId("evidence-arguments")).toHaveText("1");
    await expect(row.getByTestId("evidence-quoted")).toHaveText("1 (100%)");
    // The facilitator may see ratings before the reveal; nobody has rated yet.
    await expect(row.getByTestId("evidence-support")).toHaveText("—");
    await expect(row).toContainText(`“${SENTENCE}” (1×)`);
  }
});

test("the review's evidence report follows the board live: another browser's cited argument changes it without a click", async ({ request, freshContext }) => {
  test.setTimeout(300_000);
  const board = await createManagedBoard(request, `Evidence live ${Date.now()}`);
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Ms Rivera");
  await teacher.waitUntilLive();
  await teacher.page.getByTestId("facilitate-button").click();
  const participantUrl = (await teacher.page.getByTestId("facilitator-panel").getByTestId("invite-participant-link").getAttribute("href"))!;

  // The facilitator keeps the review open; every request it makes for the report is counted.
  await teacher.page.goto(`/b/${board.id}/review`);
  let fetches = 0;
  teacher.page.on("request", (r) => void (r.url().includes("/evidence") && fetches++));
  const report = teacher.page.getByTestId("evidence-report");
  const passages = report.getByTestId("evidence-passages");
  await expect(passages).toHaveText(/^0 of \d+ sentences cited · 0 contested/);
  const usRow = report.getByTestId("evidence-sides").getByTestId("evidence-row").first();
  await expect(usRow.getByTestId("evidence-arguments")).toHaveText("0");

  // A participant in another browser adds a cited argument for the US position.
  await citeForTheUs(await (await freshContext()).newPage(), participantUrl);

  // Nobody clicks Refresh: the report catches up on its own, a second or two after the change.
  await expect(passages).toHaveText(/^1 of \d+ sentences cited · 0 contested/, { timeout: 30_000 });
  await expect(usRow.getByTestId("evidence-arguments")).toHaveText("1");
  await expect(usRow.getByTestId("evidence-quoted")).toHaveText("1 (100%)");
  await expect(usRow).toContainText(`“${SENTENCE}” (1×)`);
  await expect(report.getByTestId("evidence-report-updating")).toHaveText("");
  // One typed argument is a burst of document updates; the debounce turns it into a handful of requests at most.
  test.info().annotations.push({ type: "evidence requests after the change", description: String(fetches) });
  console.log(`[evidence] report requests while following the change: ${fetches}`);
  expect(fetches).toBeGreaterThanOrEqual(1);
  expect(fetches).toBeLessThanOrEqual(6);

  // The manual button still works.
  await report.getByTestId("evidence-report-refresh").click();
  await expect(passages).toHaveText(/^1 of \d+ sentences cited/);
});

/** Sam joins in another browser and saves an argument for the US position citing SENTENCE. */
async function citeForTheUs(page: Page, participantUrl: string): Promise<void> {
  const student = new BoardPage(page);
  await student.page.goto(participantUrl);
  await student.chooseName("Sam");
  await student.waitUntilLive();
  await student.cite(SENTENCE);
  await student.writeArgument({ position: "us", stance: "for", text: `Khan has little room, so US pressure works (${Date.now()}).` });
  await student.waitUntilSaved();
}
