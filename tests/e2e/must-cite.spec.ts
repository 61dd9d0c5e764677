import { BoardPage, expect, test } from "./fixtures";
import { createManagedBoard, expectAbsentFor, FacilitatorPanel } from "./session-pages";

/**
 * "Every argument must cite the article" on a new board, in three browsers: Amira's quoteless
 * argument is kept as a draft only she sees; she reopens it, cites a suggested passage from the
 * keyboard, and posts it; Jonas sees the post arrive live but never the draft, nor does the facilitator.
 */
const SUGGESTED = "$300 million aid package";

test("a quoteless argument stays Amira's draft until she cites a suggested passage and posts it", async ({ request, freshContext }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const draftText = `Cutting the aid package will backfire on Washington (${stamp})`;
  const board = await createManagedBoard(request, `Must cite ${stamp}`);

  const host = new BoardPage(await (await freshContext()).newPage());
  const amira = new BoardPage(await (await freshContext()).newPage());
  const jonas = new BoardPage(await (await freshContext()).newPage());
  const panel = new FacilitatorPanel(host);

  await test.step("the facilitator finds the rule on; Amira and Jonas join", async () => {
    await host.page.goto(board.facilitatorUrl);
    await host.chooseName("Ms Rivera");
    await host.waitUntilLive();
    await panel.open();
    await expect(panel.root.getByTestId("setting-mustcite")).toBeChecked();
    const link = await panel.participantLink();
    for (const [person, name] of [[amira, "Amira"], [jonas, "Jonas"]] as const) {
      await person.page.goto(link);
      await person.chooseName(name);
      await person.waitUntilLive();
    }
  });

  await test.step("without a quote, Save keeps the argument as Amira's own draft", async () => {
    await amira.page.getByTestId("lane-add-for").first().click();
    await amira.editor.getByTestId("editor-text").fill(draftText);
    await expect(amira.editor.getByTestId("editor-personal-note")).toContainText("only you see");
    const save = amira.editor.getByTestId("editor-save");
    await expect(save).toHaveText("Save as draft (only you see it)");
    await save.click();
    await expect(amira.editor).toBeHidden();
    const item = amira.page.getByTestId("personal-draft-item").filter({ hasText: draftText.slice(0, 40) });
    await expect(item).toBeVisible();
    await expect(amira.card(draftText)).toHaveCount(0);
    // Nobody else is sent it: not Jonas, not the facilitator.
    await expectAbsentFor(jonas.page.getByText(draftText.slice(0, 40)), 1_500);
    await expectAbsentFor(host.page.getByText(draftText.slice(0, 40)), 500);
    await expect(jonas.page.getByTestId("personal-drafts-panel")).toHaveCount(0);
  });

  await test.step("Amira reopens it, cites a suggested passage from the keyboard, and posts it", async () => {
    await amira.page.getByTestId("personal-draft-item").getByTestId("personal-draft-edit").click();
    await expect(amira.editor.getByTestId("editor-text")).toHaveValue(draftText);
    const suggestion = amira.editor.getByTestId("evidence-suggestion").filter({ hasText: SUGGESTED });
    await expect(suggestion).toBeVisible();
    const count = await amira.editor.getByTestId("evidence-suggestion").count();
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
    await suggestion.getByTestId("evidence-cite").focus();
    await amira.page.keyboard.press("Enter");
    await expect(amira.editor.getByTestId("editor-quote").filter({ hasText: SUGGESTED })).toBeVisible();
    // Quoted now: the passage is no longer offered, and Save posts.
    await expect(amira.editor.getByTestId("evidence-suggestion").filter({ hasText: SUGGESTED })).toHaveCount(0);
    await expect(amira.editor.getByTestId("editor-save")).toHaveText("Post");
    await amira.editor.getByTestId("editor-save").click();
    await expect(amira.editor).toBeHidden();
    await amira.waitUntilSaved();
  });

  await test.step("Jonas sees the post arrive live with its quote; the draft is gone", async () => {
    const card = jonas.card(draftText);
    await expect(card).toBeVisible();
    await expect(card.getByTestId("card-quote")).toContainText(SUGGESTED);
    await expect(host.card(draftText)).toBeVisible();
    await expect(amira.page.getByTestId("personal-drafts-panel")).toHaveCount(0);
  });

  await test.step("the facilitator switches the rule off: a quoteless reply posts directly", async () => {
    await panel.setSetting("mustcite", false);
    await jonas.card(draftText).getByTestId("card-reply").click();
    await expect(jonas.editor.getByTestId("editor-save")).toHaveText("Save");
    const reply = `Pakistan has other patrons (${stamp})`;
    await jonas.writeArgument({ stance: "against", text: reply });
    await expect(amira.card(reply)).toBeVisible();
  });
});
