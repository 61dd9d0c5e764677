import { describe, expect, it } from "vitest";
import type { ExportBoard } from "@/lib/export/board-export";
import { escapeXml, textWidth, toSvg, wrapText } from "@/lib/export/svg";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";
import { wellFormedProblem } from "./support/xml-well-formed";

/** Every card rect as { x, y, width, height }. */
function cardBoxes(svg: string) {
  return [...svg.matchAll(/<rect class="card" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
}

describe("toSvg", () => {
  const demo = demoExportBoard();
  const hostile = hostileExportBoard();

  it("the checker itself rejects broken XML", () => {
    expect(wellFormedProblem("<a><b></a></b>")).toMatch(/does not close/);
    expect(wellFormedProblem("<a>x < y</a>")).not.toBeNull();
    expect(wellFormedProblem("<a t=\"<\"/>")).toMatch(/inside attribute/);
    expect(wellFormedProblem("<a>&nbsp;</a>")).toMatch(/entity/);
    expect(wellFormedProblem("<a/><b/>")).toMatch(/2 root/);
    expect(wellFormedProblem('<?xml version="1.0"?>\n<a x="1"><b/>&amp;</a>\n')).toBeNull();
  });

  it.each([
    ["demo", demo],
    ["hostile", hostile],
  ] as const)("the %s board is a well-formed SVG 1.1 document", (_name, board) => {
    const svg = toSvg(board);
    expect(wellFormedProblem(svg)).toBeNull();
    expect(svg).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" version="1\.1" width="\d+" height="\d+" viewBox="0 0 \d+ \d+">/);
    expect(svg).toContain(`<title>${escapeXml(board.board.title)}</title>`);
    expect(svg).toContain("font-family: 'DejaVu Sans', Arial, sans-serif");
  });

  it("draws one box per argument, each showing the start of its text", () => {
    const svg = toSvg(demo);
    expect(cardBoxes(svg)).toHaveLength(demo.arguments.length);
    for (const arg of demo.arguments) {
      const firstWords = arg.text.split(" ").slice(0, 3).join(" ");
      expect(svg).toContain(`>${escapeXml(firstWords)}`);
    }
  });

  it("draws a labelled connector per reply: solid supports, dashed rebuts", () => {
    const svg = toSvg(demo);
    const replies = demo.arguments.filter((a) => a.parentId !== a.positionId);
    const supports = replies.filter((a) => a.stance === "for").length;
    expect(svg.match(/<path class="support"/g)).toHaveLength(supports + 1); // + the legend sample
    expect(svg.match(/<path class="attack"/g)).toHaveLength(replies.length - supports + 1);
    expect(svg.match(/>supports</g)).toHaveLength(supports);
    expect(svg.match(/>rebuts</g)).toHaveLength(replies.length - supports);
  });

  it("escapes hostile text and strips characters XML 1.0 forbids", () => {
    const board: ExportBoard = structuredClone(hostile);
    board.arguments[0].text = "bell\u0007 nul\u0000 <script>alert('x')</script> & done";
    const svg = toSvg(board);
    expect(wellFormedProblem(svg)).toBeNull();
    expect(svg).not.toContain("<script");
    expect(svg).not.toMatch(/[\u0000\u0007]/);
    expect(svg).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; done");
    expect(toSvg(hostile)).toContain("[Pro] &lt;side&gt; #1 // yes");
  });

  it("sizes the viewBox to hold every box", () => {
    for (const board of [demo, hostile]) {
      const svg = toSvg(board);
      const [, , width, height] = svg.match(/viewBox="([^"]+)"/)![1].split(" ").map(Number);
      for (const [x, y, w, h] of cardBoxes(svg)) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x + w).toBeLessThanOrEqual(width);
        expect(y + h).toBeLessThanOrEqual(height);
      }
    }
  });

  it("keeps replies inside their lane however deep the chain", () => {
    const board: ExportBoard = structuredClone(demo);
    const root = board.arguments[0];
    let parent = root.id;
    for (let i = 0; i < 30; i++) {
      const id = `deep-${i}`;
      board.arguments.push({ ...root, id, parentId: parent, stance: i % 2 ? "for" : "against", createdAt: root.createdAt + 100 + i });
      parent = id;
    }
    const boxes = cardBoxes(toSvg(board));
    const [x0, , w0] = boxes[0];
    for (const [x, , w] of boxes.slice(0, 32)) expect(x + w).toBeLessThanOrEqual(x0 + w0);
    expect(Math.min(...boxes.map(([, , w]) => w))).toBeGreaterThanOrEqual(200);
  });

  it("is deterministic", () => {
    expect(toSvg(demoExportBoard())).toBe(toSvg(demoExportBoard()));
  });
});

describe("wrapText", () => {
  it("wraps to the width and ends an over-long text in an ellipsis", () => {
    const lines = wrapText("word ".repeat(400), 200, 13, 8);
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toMatch(/…$/);
    for (const line of lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(200);
  });

  it("breaks a word longer than a line and keeps surrogate pairs whole", () => {
    const lines = wrapText("👍".repeat(40) + " " + "x".repeat(80), 120, 13, 20);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(lines.join("")).toBe("👍".repeat(40) + "x".repeat(80));
  });

  it("keeps the author's line breaks", () => {
    expect(wrapText("one\ntwo", 500, 13, 8)).toEqual(["one", "two"]);
  });
});

describe("palette", () => {
  it("lays the screen's translucent highlight tints over white for SVG", async () => {
    const { overWhite } = await import("@/lib/board/palette");
    expect(overWhite("rgba(99, 102, 241, 0.24)")).toBe("#dadafc");
    expect(overWhite("#123456")).toBe("#123456");
  });
});
