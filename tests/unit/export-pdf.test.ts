import { describe, expect, it } from "vitest";
import type { ExportBoard } from "@/lib/export/board-export";
import { numberPassages, renderPdfHandout } from "@/server/export/pdf";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";
import { glyphsByFont, fontName, infoEntry, latin1, pageCount, pdfText, squash } from "./support/pdf-text";


describe("renderPdfHandout", () => {
  const demo = demoExportBoard();
  const hostile = hostileExportBoard();

  it("is a complete PDF of several pages with the board's metadata", async () => {
    const pdf = await renderPdfHandout(demo);
    const raw = latin1(pdf);
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(infoEntry(pdf, "Title")).toBe(demo.board.title);
    expect(infoEntry(pdf, "Author")).toBe("Parley");
    expect(infoEntry(pdf, "Subject")).toBe(`Debate handout: ${demo.source.title}`);
    expect(infoEntry(pdf, "CreationDate")).toBe("D:20261127090000Z"); // the board's updatedAt, not the clock
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\n/); // the article's face is embedded
  });

  it("prints the title, the article, every argument and every numbered passage", async () => {
    const lines = pdfText(await renderPdfHandout(demo, { compress: false }));
    const text = squash(lines);
    expect(text).toContain(demo.board.title);
    expect(text).toContain("Pakistan's newly elected PM Imran Khan faces the first real test");
    for (const arg of demo.arguments) expect(text).toContain(arg.text.split(" ").slice(0, 6).join(" "));
    const passages = numberPassages(demo);
    for (const p of passages) {
      expect(lines).toContain(`[${p.number}]`); // the marker in the article and the note's number
      expect(text).toContain(`“${p.exact.split(" ").slice(0, 5).join(" ")}`);
    }
    expect(lines).toContain(`Page 1 of ${pageCount(await renderPdfHandout(demo))}`);
    expect(text).toMatch(/Rebuts Amira/);
    expect(text).toMatch(/Supports Amira/);
  });

  it("renders the hostile board, substituting a visible square for glyphs no bundled font has", async () => {
    const board: ExportBoard = structuredClone(hostile);
    board.arguments[0].text += " Tibetan ༀ";
    const pdf = await renderPdfHandout(board, { compress: false });
    expect(infoEntry(pdf, "Title")).toBe(hostile.board.title);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = squash(pdfText(pdf));
    expect(text).toContain("=HYPERLINK(\"http://evil\") [not a statement] <not an argument>");
    expect(text).toContain("“=cmd|' /C calc'!A0 is a formula”");
    expect(text).toMatch(/“ ?👍 ?done\.”/); // 👍🏽 in Noto Emoji, its skin-tone modifier dropped (text ops are joined with spaces here)
    expect(text).toContain("Tibetan \u25a1");
    expect(text).not.toContain("\ufffd");
  });

  it("draws Chinese, Japanese and emoji with the bundled Noto faces, never as squares or .notdef", async () => {
    const board: ExportBoard = structuredClone(demo);
    board.board.title = "塑料袋禁令 🌍 debate";
    board.arguments[0].text = "禁止塑料袋是个好主意 👍 and ひらがな too";
    board.arguments[0].authorName = "王小明";
    board.positions[0].label = "支持禁令";
    // A long paragraph without spaces must still wrap inside the page (it breaks between characters).
    board.source.text += `\n\n${"塑料袋禁令在许多城市已经实施。".repeat(30)}`;
    const pdf = await renderPdfHandout(board, { compress: false });
    const text = squash(pdfText(pdf));
    for (const expected of ["塑料袋禁令 🌍 debate", "禁止塑料袋是个好主意 👍 and ひらがな too", "— 王小明", "支持禁令"]) expect(text).toContain(expected);
    expect(text).not.toContain("\u25a1");
    expect(text).toContain("塑料袋禁令在许多城市");
    // The paragraph wraps: every line starts at the margin and holds at most a line's width of 1-em glyphs.
    const lines = [...latin1(pdf).matchAll(/1 0 0 1 ([\d.]+) [\d.]+ Tm\n\/(F\d+) 10\.5 Tf\n\[<([0-9a-f]*)>/g)].filter((m) => fontName(pdf, m[2]).includes("NotoSansSC"));
    expect(lines.length).toBeGreaterThanOrEqual(9); // 450 characters, 45 to a line
    for (const [, x, , hex] of lines) {
      expect(Number(x)).toBe(60);
      expect((hex.length / 4) * 10.5).toBeLessThanOrEqual(595.28 - 120);
    }
    const glyphs = glyphsByFont(pdf);
    const faces = [...glyphs.keys()].map((name) => name.replace(/^[A-Z]{6}\+/, ""));
    expect(faces).toEqual(expect.arrayContaining(["NotoSansSC-Regular", "NotoSansSC-Bold", "NotoEmoji-Regular", "DejaVuSans"]));
    for (const [font, ids] of glyphs) expect(ids, `${font} draws .notdef`).not.toContain("0000");
  });

  it("embeds no fallback face when the board needs none", async () => {
    const raw = latin1(await renderPdfHandout(demo, { compress: false }));
    expect(raw).not.toMatch(/NotoSansSC|NotoEmoji/);
  });

  it("copies lane headings as words, not letter-spaced capitals", async () => {
    const text = squash(pdfText(await renderPdfHandout(demo, { compress: false })));
    expect(text).toMatch(/For \(\d+\)/);
    expect(text).toMatch(/Against \(\d+\)/);
    expect(text).not.toMatch(/F O R|FOR \(/);
  });

  it("survives control characters, stale quotes and an empty board", async () => {
    const board: ExportBoard = structuredClone(hostile);
    board.arguments[0].text += " \u0007\u0000 bell";
    board.arguments[1].quotes[0] = { ...board.arguments[1].quotes[0], start: 10_000, end: 10_010 };
    board.board.title = "Title\u0000 with a nul, for Zoë";
    const pdf = await renderPdfHandout(board, { compress: false });
    const text = squash(pdfText(pdf));
    expect(text).toContain("(no longer found in the article)");
    expect(text).toContain("Title with a nul, for Zoë");
    expect(infoEntry(pdf, "Title")).toBe("Title with a nul, for Zoë");
    const empty: ExportBoard = { ...structuredClone(demo), arguments: [] };
    expect(pageCount(await renderPdfHandout(empty))).toBeGreaterThanOrEqual(2);
  });

  it("is deterministic, and shows a caller's generation date when given one", async () => {
    const [a, b] = await Promise.all([renderPdfHandout(demo), renderPdfHandout(demoExportBoard())]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const dated = await renderPdfHandout(hostile, { compress: false, generatedAt: new Date("2027-01-15T12:00:00Z") });
    expect(squash(pdfText(dated))).toContain("generated 15 January 2027");
  });
});

describe("numberPassages", () => {
  it("numbers the demo board's quotes in reading order, each matching its source text", () => {
    const board = demoExportBoard();
    const passages = numberPassages(board);
    expect(passages).toHaveLength(board.arguments.reduce((n, a) => n + a.quotes.length, 0));
    expect(passages.map((p) => p.number)).toEqual(passages.map((_, i) => i + 1));
    for (const [i, p] of passages.entries()) {
      expect(p.placed).toBe(true);
      expect(board.source.text.slice(p.start16, p.end16)).toBe(p.exact);
      if (i > 0) expect(p.start16).toBeGreaterThanOrEqual(passages[i - 1].start16);
    }
  });

  it("converts code-point offsets to UTF-16 past astral characters (emoji)", () => {
    const board = hostileExportBoard();
    const afterEmoji = numberPassages(board).find((p) => p.exact.startsWith("👍🏽"))!;
    expect(afterEmoji.placed).toBe(true);
    expect(afterEmoji.start16).toBe(board.source.text.indexOf("👍🏽 done."));
    // Later quotes sit after the emoji's two surrogate pairs; a code-unit mistake would shift them by 2.
    const later = numberPassages(board).find((p) => p.exact.startsWith("a\\backslash"))!;
    expect(board.source.text.slice(later.start16, later.end16)).toBe(later.exact);
  });

  it("numbers overlapping and repeated quotes separately, stale ones last", () => {
    const board: ExportBoard = structuredClone(hostileExportBoard());
    const [first, second] = board.arguments;
    second.quotes = [first.quotes[0], { ...first.quotes[0], start: first.quotes[0].start + 1 }];
    second.quotes[1].exact = second.quotes[1].exact.slice(1);
    first.quotes.push({ ...first.quotes[0], start: 9_000, end: 9_005 });
    const passages = numberPassages(board);
    const starts = passages.filter((p) => p.placed).map((p) => p.start16);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(passages.filter((p) => p.start16 === board.source.text.indexOf(first.quotes[0].exact))).toHaveLength(2);
    expect(passages.at(-1)).toMatchObject({ placed: false, number: passages.length, argumentId: first.id });
  });
});
