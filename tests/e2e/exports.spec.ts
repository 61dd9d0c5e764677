import { readFileSync } from "node:fs";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/formats";
import { expect, test } from "./fixtures";

/** What each downloaded file must look like, checked on its bytes. */
const CHECKS: Record<ExportFormat, (bytes: Buffer) => void> = {
  json: (b) => expect(JSON.parse(b.toString("utf8"))).toMatchObject({ type: "parley-board", version: 1 }),
  argdown: (b) => expect(b.toString("utf8")).toContain("The US position"),
  aif: (b) => expect(JSON.parse(b.toString("utf8")).nodes.length).toBeGreaterThan(14),
  annotations: (b) => expect(JSON.parse(b.toString("utf8"))["@context"]).toBe("http://www.w3.org/ns/anno.jsonld"),
  markdown: (b) => expect(b.toString("utf8")).toMatch(/^# /),
  outline: (b) => expect(b.toString("utf8")).toMatch(/^Discussion Title: /),
  csv: (b) => expect(b.toString("utf8")).toContain("parent_id"),
  // The argument map is the default picture: position and argument nodes, and the relations' legend.
  svg: (b) => expect(b.toString("utf8")).toMatch(/<svg[\s\S]*<g class="node position"[\s\S]*supports \(arrow points at what it backs\)/),
  png: (b) => expect(b.subarray(1, 4).toString("latin1")).toBe("PNG"),
  pdf: (b) => expect(b.subarray(0, 5).toString("latin1")).toBe("%PDF-"),
};

test("every format downloads from the board's Download menu", async ({ person }) => {
  test.setTimeout(120_000);
  const amira = await person("Amira");
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    await amira.page.getByTestId("download-menu-button").click();
    const downloading = amira.page.waitForEvent("download");
    await amira.page.getByTestId(`download-${format}`).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${EXPORT_FORMATS[format].extension.replace(".", "\\.")}$`));
    CHECKS[format](readFileSync((await download.path())!));
    await expect(amira.page.getByTestId("download-done")).toBeVisible();
  }
});

test("the columns picture stays available beside the map", async ({ person }) => {
  const amira = await person("Amira");
  await amira.page.getByTestId("download-menu-button").click();
  const downloading = amira.page.waitForEvent("download");
  await amira.page.getByTestId("download-svg-columns").click();
  const svg = readFileSync((await (await downloading).path())!).toString("utf8");
  expect(svg).toContain(`<rect class="card" x=`);
  expect(svg).not.toContain(`<g class="node`);
});

test("a downloaded Parley JSON file imports back as a new board with the same arguments", async ({ page, person }) => {
  const amira = await person("Amira");
  await amira.page.getByTestId("download-menu-button").click();
  const downloading = amira.page.waitForEvent("download");
  await amira.page.getByTestId("download-json").click();
  const file = (await (await downloading).path())!;
  const cards = await amira.page.getByTestId("argument-card").count();

  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-submit").click();
  await page.waitForURL((url) => /\/b\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/demo"));
  await page.getByTestId("name-input").fill("Importer");
  await page.getByTestId("name-save").click();
  await expect(page.getByTestId("argument-card")).toHaveCount(cards);
  await expect(page.getByTestId("argument-card").filter({ hasText: "Tying aid to results is only fair" })).toBeVisible();
});

test("a broken import file is refused with the reason and creates nothing", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "broken.parley.json", mimeType: "application/json", buffer: Buffer.from('{ "type": "parley-board", ') });
  await page.getByTestId("import-submit").click();
  await expect(page.getByTestId("import-error")).toContainText(/line 1/i);
  await expect(page).toHaveURL(/\/$/);
});
