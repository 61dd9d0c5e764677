import { expect, test } from "./fixtures";

/**
 * Citing without a mouse (issue 9, item 1) and a selection across a paragraph break (item 10), on the
 * demo board's article: "Pakistan's newly elected PM Imran Khan faces the first real test … in
 * Islamabad. Khan's maneuvering options are, however, limited." then the next paragraph.
 */

test("keyboard only: the skip link reaches the article, keys select a passage, Enter cites, Ctrl+Enter saves", async ({ person }) => {
  const board = await person("Keya");
  const { page } = board;
  // Start as a returning visitor: the name is remembered, so no dialog takes the first Tab.
  await page.reload();
  await board.waitUntilLive();

  await page.keyboard.press("Tab");
  await expect(page.getByTestId("skip-to-article")).toBeFocused();
  await expect(page.getByTestId("skip-to-article")).toBeVisible();
  await page.keyboard.press("Enter");
  const article = page.getByTestId("article-text");
  await expect(article).toBeFocused();
  await expect(page.getByTestId("article-caret")).toBeVisible();

  const status = page.getByTestId("article-caret-status");
  // Sentence by sentence: the headline, the dateline, then the first sentence of the lede.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expect(status).toHaveText(/as he holds talks with US Secretary of State Mike Pompeo in Islamabad\.$/);
  await page.keyboard.press("ArrowRight"); // to the end of "Khan's"
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await expect(status).toHaveText("Selected: “maneuvering options” Press Enter to cite it.");
  await page.keyboard.press("Shift+ArrowDown"); // on to the end of the sentence
  const quote = "maneuvering options are, however, limited.";
  await expect(status).toHaveText(`Selected: “${quote}” Press Enter to cite it.`);
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString().trim())).toBe(quote);
  // The pointer's Cite button sees the keyboard selection too.
  await expect(page.getByTestId("cite-button")).toBeVisible();

  await page.keyboard.press("Enter");
  await expect(board.editor.getByTestId("editor-quote")).toHaveCount(1);
  await expect(board.editor.getByTestId("editor-quote")).toContainText(`“${quote}”`);
  const textArea = board.editor.getByTestId("editor-text");
  await expect(textArea).toBeFocused();
  await expect(textArea).toHaveValue(""); // Enter did not type itself into the new editor

  const text = `Khan's hands are tied by the army (${Date.now()}).`;
  await page.keyboard.type(text);
  await page.keyboard.press("Control+Enter");
  await expect(board.editor).toHaveCount(0);
  const card = board.card(text);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("card-quote")).toHaveText(`“${quote}”`);
  await expect(card.getByTestId("card-quote")).toHaveAccessibleName(`Quote: ${quote} — show it in the article`);
});

test("keyboard: the second skip link shows the arguments on a tablet, a few Tabs from the first + Add", async ({ person }) => {
  const board = await person("Ines");
  const { page } = board;
  // Tablet portrait: one pane at a time, the article first.
  await page.setViewportSize({ width: 820, height: 1000 });
  await page.reload();
  await board.waitUntilLive();
  await expect(page.locator("#pane-board")).toBeHidden();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("skip-to-arguments")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#pane-board")).toBeFocused();
  await expect(page.getByTestId("show-board")).toHaveAttribute("aria-pressed", "true");
  // Past the board's search and filters (each one Tab stop), the first "+ Add".
  const add = page.getByTestId("lane-add-for").first();
  let presses = 0;
  while (presses < 12 && !(await add.evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press("Tab");
    presses++;
  }
  await expect(add).toBeFocused();
  await expect(add).toHaveAccessibleName("Add an argument for The US position");
});

test("keyboard: S selects the sentence, Escape clears it, and a selection across paragraphs is announced as two quotes", async ({ person }) => {
  const board = await person("Noor");
  const { page } = board;
  const article = page.getByTestId("article-text");
  await article.focus();
  const status = page.getByTestId("article-caret-status");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("s");
  await expect(status).toHaveText("Selected: “Khan's maneuvering options are, however, limited.” Press Enter to cite it.");
  await page.keyboard.press("Escape");
  await expect.poll(() => page.evaluate(() => document.getSelection()?.isCollapsed)).toBe(true);
  await expect(page.getByTestId("cite-button")).toHaveCount(0);

  // Back to the start of "limited", then on by sentence: to the end of this one, then into the next paragraph.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(status).toHaveText(/^Selected \(2 paragraphs, 2 quotes\): “limited\. ¶ US Secretary of State Mike Pompeo/);
  await expect(page.getByTestId("cite-button")).toHaveText(/Cite 2 quotes/);
});

test("a mouse selection across a paragraph break becomes one quote per paragraph, never one run-on sentence", async ({ person }) => {
  const board = await person("Ola");
  // Blocks are separate elements with no text between them, so the two paragraphs' texts meet here.
  await board.selectInArticle("however, limited.US Secretary of State Mike Pompeo");
  const cite = board.page.getByTestId("cite-button");
  await expect(cite).toHaveText(/Cite 2 quotes/);
  await expect(cite).toHaveAccessibleName("Cite 2 quotes, one per selected paragraph, in a new argument");
  await cite.click();
  const quotes = board.editor.getByTestId("editor-quote");
  await expect(quotes).toHaveCount(2);
  await expect(quotes.nth(0)).toContainText("“however, limited.”");
  await expect(quotes.nth(1)).toContainText("“US Secretary of State Mike Pompeo”");

  const text = `Two paragraphs, two quotes (${Date.now()}).`;
  await board.writeArgument({ stance: "against", text });
  const card = board.card(text);
  await expect(card.getByTestId("card-quote")).toHaveText(["“however, limited.”", "“US Secretary of State Mike Pompeo”"]);
});
