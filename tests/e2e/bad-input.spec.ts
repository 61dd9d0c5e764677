import { BoardPage, expect, test } from "./fixtures";

test("an empty or oversized argument gets a clear message and nothing is saved", async ({ person, freshContext }) => {
  const amira = await person("Amira");
  const before = await amira.page.getByTestId("argument-card").count();
  await amira.column("us").getByTestId("lane-add-for").click();
  await amira.editor.getByTestId("editor-save").click();
  await expect(amira.editor.getByTestId("editor-error")).toContainText("An argument needs some text");

  await amira.editor.getByTestId("editor-text").fill("x".repeat(100_000));
  await amira.editor.getByTestId("editor-save").click();
  await expect(amira.editor.getByTestId("editor-error")).toContainText("at most 2000 characters");
  await amira.editor.getByTestId("editor-cancel").click();
  await expect(amira.page.getByTestId("argument-card")).toHaveCount(before);
});

test("an unknown board id shows a not-found page", async ({ page }) => {
  const response = await page.goto("/b/no-such-board");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: /home|boards|parley/i }).first()).toBeVisible();
});

test("an unknown join code is refused with a message", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("join-input").fill("ZZZZ99");
  await page.getByTestId("join-submit").click();
  await expect(page.getByTestId("join-error")).toContainText(/No board has the code ZZZZ99/);
});

test("a second person choosing a name already in use is told so", async ({ person, freshContext }) => {
  await person("Amira");
  const context = await freshContext();
  const other = await new BoardPage(await context.newPage()).open();
  const dialog = other.page.getByTestId("name-dialog");
  await dialog.getByTestId("name-input").fill("amira");
  await dialog.getByTestId("name-save").click();
  await expect(other.page.getByTestId("name-error").or(other.page.getByTestId("name-clash")).first()).toContainText(/already called/i);
});

test("two tabs of the same person count as one person", async ({ person, freshContext }) => {
  const amira = await person("Amira");
  const secondTab = await new BoardPage(await amira.page.context().newPage()).open();
  await secondTab.waitUntilLive();
  const avatar = secondTab.page.getByTestId("presence-avatar").filter({ has: secondTab.page.locator("[data-self]") }).or(
    secondTab.page.locator('[data-testid="presence-avatar"][data-tabs="2"]'),
  );
  await expect(secondTab.page.locator('[data-testid="presence-avatar"][data-tabs="2"]')).toHaveCount(1);
  await expect(avatar.first()).toBeVisible();
});
