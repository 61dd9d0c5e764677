import { BoardPage, expect, test } from "./fixtures";

const PASTED = `Should homework be banned?

Homework takes up evenings that children could spend playing, reading for pleasure or sleeping. Several studies find little benefit for younger pupils.

Supporters say practice at home fixes what was learned in class, and teaches pupils to plan their own time.`;

test("a board on pasted text can be created, joined by code and debated", async ({ page, freshContext }) => {
  await page.goto("/");
  const form = page.getByTestId("new-board-form");
  await form.getByTestId("new-board-title").fill("Homework debate");
  await form.getByTestId("source-text").check();
  await form.getByTestId("source-title").fill("Should homework be banned?");
  await form.getByTestId("source-body").fill(PASTED);
  await form.getByTestId("new-board-position-0").fill("Ban homework");
  await form.getByTestId("new-board-position-1").fill("Keep homework");
  await form.getByTestId("new-board-submit").click();
  await page.waitForURL(/\/b\/[a-z0-9]+$/);
  const boardUrl = page.url();

  const author = new BoardPage(page);
  await author.chooseName("Teacher");
  await author.waitUntilLive();
  await expect(page.getByTestId("board-title")).toHaveText("Homework debate");
  const code = (await page.getByTestId("join-code").innerText()).replace(/[^A-Z0-9]/g, "").slice(-6);

  const student = await (await freshContext()).newPage();
  await student.goto("/");
  await student.getByTestId("join-input").fill(code.toLowerCase());
  await student.getByTestId("join-submit").click();
  await student.waitForURL(boardUrl);
  const studentBoard = new BoardPage(student);
  await studentBoard.chooseName("Sam");
  await studentBoard.waitUntilLive();

  await author.cite("Several studies find little benefit for younger pupils.");
  await author.writeArgument({ position: "ban-homework", stance: "for", text: "The evidence for homework in primary school is thin." });
  await expect(studentBoard.card("The evidence for homework in primary school is thin.")).toBeVisible();
});
