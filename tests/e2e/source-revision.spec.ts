import type { APIRequestContext, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { BoardPage, expect, test } from "./fixtures";
import { FacilitatorPanel } from "./session-pages";

/**
 * A facilitator replaces the board's article with a corrected version (a paragraph inserted, a typo
 * fixed inside a quote, a quoted phrase reworded, a quoted paragraph removed), reviews the plan and
 * applies it; a participant's open board switches to the new text and the moved highlights live.
 */

const ORIGINAL = [
  "City council report",
  "The council voted to repair the old bridge before the winter floods arrive, after a long debate.",
  "The mayor said the repairs would cost about two milion dollars in total, paid over three years.",
  "Critics argued that the money should go to the schools instead of roads, and said so loudly.",
  "A final vote is expected next month.",
].join("\n\n");

const CORRECTED = [
  "City council report",
  "Editor's note: figures updated on Tuesday.",
  "The council voted to repair the old bridge before the winter floods arrive, after a long debate.",
  "The mayor said the repairs would cost about two million dollars in total, paid over three years.",
  "Critics argued that the funds belonged in classrooms rather than on roads, and said so loudly.",
].join("\n\n");

const QUOTES = {
  moved: "voted to repair the old bridge",
  typo: "the repairs would cost about two milion dollars",
  reworded: "the money should go to the schools",
  removed: "A final vote is expected next month",
};
const RESELECTED = "the funds belonged in classrooms";

async function createTextBoard(request: APIRequestContext): Promise<{ id: string; facilitatorUrl: string }> {
  const response = await request.post("/api/boards", {
    data: {
      title: `Revisions ${Date.now()}`,
      source: { kind: "text", title: "City council report", text: ORIGINAL },
      positions: [{ key: "repair", label: "Repair the bridge" }, { key: "schools", label: "Fund the schools" }],
    },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { board: { id: string }; facilitatorInvite: string };
  return { id: body.board.id, facilitatorUrl: `/b/${body.board.id}?invite=${body.facilitatorInvite}` };
}

async function memberToken(page: Page, boardId: string): Promise<string> {
  const token = await page.evaluate((key) => (JSON.parse(window.localStorage.getItem(key) ?? "null") as { memberToken?: string } | null)?.memberToken, `parley.member.${boardId}`);
  expect(token).toBeTruthy();
  return token!;
}

/** The decision block of the plan for the quote whose argument says `argumentText`. */
const planQuote = (page: Page, argumentText: string) => page.getByTestId("revision-quote").filter({ hasText: argumentText });

test("a facilitator revises the source; a participant's board follows live and the export says revision 2", async ({ request, freshContext }, testInfo) => {
  test.setTimeout(300_000);
  const board = await createTextBoard(request);
  const teacher = new BoardPage(await (await freshContext()).newPage());
  await teacher.page.goto(board.facilitatorUrl);
  await teacher.chooseName("Ms Rivera");
  await teacher.waitUntilLive();
  const participantUrl = await (await new FacilitatorPanel(teacher).open()).participantLink();
  await teacher.page.getByRole("button", { name: "Close the facilitator panel" }).click();

  for (const [name, quote] of Object.entries(QUOTES)) {
    await teacher.cite(quote);
    await teacher.writeArgument({ stance: "for", text: `Argument ${name}` });
    await expect(teacher.card(`Argument ${name}`)).toBeVisible();
  }
  await teacher.waitUntilSaved();

  const sam = new BoardPage(await (await freshContext()).newPage());
  await sam.page.goto(participantUrl);
  await sam.chooseName("Sam");
  await sam.waitUntilLive();
  await expect(sam.page.getByTestId("argument-card")).toHaveCount(4);
  await expect(sam.page.getByTestId("article-pane")).not.toContainText("Editor's note");

  // The facilitator opens Source revisions from the panel and pastes the corrected article.
  const panel = await new FacilitatorPanel(teacher).open();
  await panel.root.getByTestId("source-revisions-link").click();
  const screen = teacher.page.getByTestId("source-revision-screen");
  await expect(screen).toBeVisible();
  await expect(screen.getByTestId("revision-history").locator("li")).toHaveCount(1);
  await screen.getByLabel("Paste the corrected article").fill(CORRECTED);
  await screen.getByTestId("review-revision").click();
  const counts = screen.getByTestId("revision-counts");
  await expect(counts.locator('[data-status="moved"]')).toContainText("1");
  await expect(counts.locator('[data-status="needs-review"]')).toContainText("1");
  await expect(counts.locator('[data-status="orphaned"]')).toContainText("2");

  // Nothing is decided yet: Apply waits. The typo fix shows as a word diff and is accepted.
  const apply = screen.getByTestId("apply-revision");
  await expect(apply).toBeDisabled();
  const typo = planQuote(teacher.page, "Argument typo");
  await expect(typo.locator("del")).toHaveText("milion");
  await expect(typo.locator("ins")).toHaveText("million");
  await typo.getByLabel("Accept the proposal").check();

  // The reworded phrase is orphaned (nothing close enough): the facilitator selects its new passage.
  const reworded = planQuote(teacher.page, "Argument reworded");
  await reworded.getByLabel("Select a passage in the corrected text").check();
  const preview = reworded.getByTestId("passage-preview");
  const at = CORRECTED.indexOf(RESELECTED);
  await preview.focus();
  await preview.evaluate((element, [start, end]) => (element as HTMLTextAreaElement).setSelectionRange(start, end), [at, at + RESELECTED.length]);
  await reworded.getByTestId("use-selection").click();
  await expect(reworded.getByTestId("reselected")).toContainText(RESELECTED);

  await expectNoSeriousA11yViolations(teacher.page, "the source revisions screen", testInfo);

  // The removed paragraph's quote is rejected: retired, on the record.
  await planQuote(teacher.page, "Argument removed").getByLabel(/Reject/).check();
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(screen.getByTestId("revision-applied")).toContainText("Revision 2 applied");
  await expect(screen.getByTestId("revision-history").locator("li")).toHaveCount(2);

  // Sam's open board switched to the corrected text and highlights, without a reload.
  const article = sam.page.getByTestId("article-pane");
  await expect(article).toContainText("Editor's note: figures updated on Tuesday.");
  await expect(article).not.toContainText("two milion");
  await expect(article.getByTestId("highlight").filter({ hasText: "two million dollars" })).toHaveCount(1);
  await expect(article.getByTestId("highlight").filter({ hasText: RESELECTED })).toHaveCount(1);
  await expect(article.getByTestId("highlight").filter({ hasText: QUOTES.moved })).toHaveCount(1);
  await expect(sam.card("Argument reworded").getByTestId("card-quote")).toContainText(RESELECTED);
  await expect(sam.card("Argument removed").getByTestId("retired-quotes")).toContainText("1 quote retired in revision 2");
  await expect(sam.card("Argument removed").getByTestId("card-quote")).toHaveCount(0);

  // Every export says which revision its quotes belong to.
  const token = await memberToken(teacher.page, board.id);
  const markdown = await teacher.page.request.get(`/api/boards/${board.id}/export?format=markdown`, { headers: { authorization: `Bearer ${token}` } });
  expect(markdown.status()).toBe(200);
  expect(await markdown.text()).toMatch(/quotes from revision 2 \(sha256 [0-9a-f]{12}\)/);
  const json = await teacher.page.request.get(`/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await json.json()) as { source: { revision: number; text: string } }).source).toMatchObject({ revision: 2, text: CORRECTED });
});
