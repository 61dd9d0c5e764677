import { describe, expect, it } from "vitest";
import { toSvg } from "@/lib/export/svg";
import { DEFAULT_PNG_SCALE, effectiveScale, MAX_PNG_PIXELS, renderPng } from "@/server/export/png";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const [, width, height] = svg.match(/<svg[^>]* width="(\d+)" height="(\d+)"/)!;
  return { width: Number(width), height: Number(height) };
}

const plain = (width: number, height: number, body = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>${body}</svg>`;

describe("renderPng", () => {
  it("renders the demo board at twice its SVG size by default", () => {
    const svg = toSvg(demoExportBoard());
    const png = renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = svgSize(svg);
    expect(pngSize(png)).toEqual({ width: width * DEFAULT_PNG_SCALE, height: height * DEFAULT_PNG_SCALE });
  });

  it("honours an explicit scale", () => {
    const svg = toSvg(hostileExportBoard());
    const { width, height } = svgSize(svg);
    expect(pngSize(renderPng(svg, { scale: 1 }))).toEqual({ width, height });
  });

  it("renders the hostile board (escaped syntax, emoji, control characters) without throwing", () => {
    const board = hostileExportBoard();
    board.arguments[0].text += " \u0007\u0000 <b>&amp;";
    const png = renderPng(toSvg(board));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("draws text with the bundled fonts even though system fonts are never loaded", () => {
    const withText = renderPng(plain(200, 40, `<text x="10" y="28" font-size="20">Parley</text>`), { scale: 1 });
    const without = renderPng(plain(200, 40), { scale: 1 });
    expect(Buffer.from(withText).equals(Buffer.from(without))).toBe(false);
  });

  it("lowers the zoom so a huge board stays under the pixel cap", () => {
    const png = renderPng(plain(6000, 4000));
    const { width, height } = pngSize(png);
    expect(width * height).toBeLessThanOrEqual(MAX_PNG_PIXELS);
    expect(width * height).toBeGreaterThan(MAX_PNG_PIXELS * 0.99);
    expect(width / height).toBeCloseTo(1.5, 2);
  });

  it("computes the capped scale and refuses nonsense scales", () => {
    expect(effectiveScale(1000, 1000, 2)).toBe(2);
    expect(effectiveScale(10_000, 10_000, 2)).toBeCloseTo(Math.sqrt(0.4), 2);
    expect(effectiveScale(100, 1_000_000, 2) ** 2 * 100 * 1_000_000).toBeLessThanOrEqual(MAX_PNG_PIXELS);
    expect(() => effectiveScale(10, 10, 0)).toThrow(RangeError);
    expect(() => effectiveScale(10, 10, Number.NaN)).toThrow(RangeError);
  });

  it("draws Chinese and emoji with the bundled Noto faces rather than blank boxes", () => {
    // Missing glyphs all render as the same .notdef box, so two different texts would give the same image.
    const line = (text: string) => renderPng(plain(160, 40, `<text x="4" y="28" font-size="24" font-family="DejaVu Sans">${text}</text>`), { scale: 1 });
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(line("塑料袋"), line("禁令在"))).toBe(false);
    expect(same(line("ひらがな"), line("カタカナ"))).toBe(false);
    expect(same(line("👍"), line("🌍"))).toBe(false);
    expect(same(line("塑料袋"), line("塑料袋"))).toBe(true); // and the comparison itself is deterministic
  });

  it("rejects a document that is not XML", () => {
    expect(() => renderPng("<svg><g></svg>")).toThrow();
  });
});
