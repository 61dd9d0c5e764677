import { expectNoSeriousA11yViolations } from "./axe";
import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, FacilitatorPanel, rate, ResultsDialog } from "./session-pages";

/**
 * axe-core over the pages a class uses (issue 9): home, the board (participant and facilitator), the
 * projector and the after-class review — on a board with an argument, a quote, votes and revealed
 * results, so the cards, highlights and result bars are all checked. No serious or critical findings.
 */

const QUOTE = "canceled a $300 million aid package to the Islamic country";

test("home has no serious or critical accessibility violations", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.locator("main")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "home", testInfo);
});

test("board, projector and review have no serious or critical accessibility violations", async ({ request, freshContext }, testInfo) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const text = `Cutting the aid shows conditions have teeth (${stamp}).`;
  const board = await createManagedBoard(request, `Accessible debate ${stamp}`);
  const host = new BoardPage(await (await freshContext()).newPage());
  const student = new BoardPage(await (await freshContext()).newPage());
  const panel = new FacilitatorPanel(host);

  await host.page.goto(board.facilitatorUrl);
  await host.chooseName("Ms Rivera");
  await host.waitUntilLive();
  await panel.open();
  const projectorUrl = (await panel.root.getByTestId("invite-projector-link").getAttribute("href"))!;
  await student.page.goto(await panel.participantLink());
  await student.chooseName("Amira");
  await student.waitUntilLive();

  await student.cite(QUOTE);
  await student.writeArgument({ position: "us", stance: "for", text });
  await expect(student.card(text)).toBeVisible();

  await panel.startPhase("voting");
  await rate(student.card(text), { strength: 4, quote: 5 });
  const results = await new ResultsDialog(host.page).open();
  await results.root.getByTestId("reveal-votes").click();
  await expect(results.root.getByTestId("reveal-votes")).toHaveAttribute("data-revealed", "true");
  await results.close();
  await expect(student.card(text).getByTestId("vote-average")).toContainText("4.0");

  await expectNoSeriousA11yViolations(student.page, "board-participant", testInfo);
  await expectNoSeriousA11yViolations(host.page, "board-facilitator", testInfo);

  const projector = await (await freshContext()).newPage();
  await projector.goto(projectorUrl);
  await expect(projector.getByTestId("projector-page")).toBeVisible();
  await expect(projector.getByText(text)).toBeVisible();
  await expectNoSeriousA11yViolations(projector, "projector", testInfo);

  await host.page.goto(`/b/${board.id}/review`);
  await expect(host.page.getByTestId("review-page")).toBeVisible();
  await expect(host.page.getByTestId("activity-feed")).toBeVisible();
  await expectNoSeriousA11yViolations(host.page, "review", testInfo);
});
