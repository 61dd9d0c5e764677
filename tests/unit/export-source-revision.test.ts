/** Every export that carries quotes names the source revision they are anchored to: number and sha256 prefix. */
import { describe, expect, it } from "vitest";
import { toArgdown } from "@/lib/export/argdown";
import { toCsv } from "@/lib/export/csv";
import { fromParleyJson, toParleyJson } from "@/lib/export/json";
import { toMarkdown } from "@/lib/export/markdown";
import { demoExportBoard } from "./support/export-fixture";

const revised = () => ({ ...demoExportBoard(), sourceRevision: 2 });
const label = () => `revision 2 (sha256 ${demoExportBoard().source.sha256.slice(0, 12)})`;

describe("exports of a revised source", () => {
  it("JSON carries source.revision and still imports", () => {
    const text = toParleyJson(revised());
    expect(JSON.parse(text).source.revision).toBe(2);
    expect(fromParleyJson(text).ok).toBe(true);
  });

  it("Markdown says it under the title, CSV on every row with quotes, Argdown in its front matter", () => {
    expect(toMarkdown(revised())).toContain(`quotes from ${label()}`);
    const rows = toCsv(revised()).split("\r\n").slice(1, -1);
    expect(rows.filter((row) => row.endsWith(label())).length).toBe(demoExportBoard().arguments.filter((a) => a.quotes.length > 0).length);
    expect(toArgdown(revised())).toContain("    revision: 2\n");
  });
});
