import { expect, test } from "./fixtures";

const OUTLINE = [
  "Discussion Title: Should cities ban cars downtown?",
  "",
  "1. Cities should ban cars downtown.",
  "1.1. Pro: Air quality improves.",
  "1.1.1. Con: Only on the main roads.",
  "1.2. Con: Shops lose customers.",
  "",
].join("\n");

test("a Kialo outline imports from the home page as a board with its arguments", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "cars.txt", mimeType: "text/plain", buffer: Buffer.from(OUTLINE) });
  await expect(page.getByTestId("import-format")).toContainText("Detected: Kialo outline");
  await page.getByTestId("import-submit").click();
  await page.waitForURL((url) => /\/b\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/demo"));
  await page.getByTestId("name-input").fill("Importer");
  await page.getByTestId("name-save").click();
  await expect(page.getByTestId("argument-card")).toHaveCount(3);
  for (const text of ["Air quality improves.", "Only on the main roads.", "Shops lose customers."]) {
    await expect(page.getByTestId("argument-card").filter({ hasText: text })).toBeVisible();
  }
});

test("a broken Kialo outline lists its problems with line numbers and creates nothing", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "broken.txt", mimeType: "text/plain", buffer: Buffer.from("1. Thesis\n1.2.1. Pro: orphan\n") });
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-issues")).toContainText("Line 2: 1.2.1. answers 1.2., which does not come before it.");
  await expect(page).toHaveURL(/\/$/);
});
