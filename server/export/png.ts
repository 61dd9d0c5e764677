import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { fallbackFontPath, needsFallback } from "./fallback-fonts";

/**
 * SVG → PNG with resvg (a Rust renderer shipped as a native npm binary, so no browser or system
 * libraries are involved). Fonts come from the dejavu-fonts-ttf package (Noto for Chinese, Japanese
 * and emoji, see fallback-fonts.ts) and system fonts are never
 * loaded: servers and CI images often have no fonts at all, and a picture must not change with the
 * machine that drew it.
 */

/** Default zoom: a 2× image stays crisp on a projector and when zoomed on a whiteboard screen. */
export const DEFAULT_PNG_SCALE = 2;
/** At most this many pixels (4 bytes each, so ~160 MB of RGBA); larger boards are drawn at a lower zoom. */
export const MAX_PNG_PIXELS = 40_000_000;

const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf"];

let fontFiles: string[] | null = null;

/** Absolute paths of the bundled DejaVu fonts (resolved once; the package ships them under ttf/). */
export function dejavuFontFiles(): string[] {
  if (!fontFiles) {
    const root = dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json"));
    fontFiles = FONT_FILES.map((name) => join(root, "ttf", name));
  }
  return fontFiles;
}

export interface PngOptions {
  /** Zoom relative to the SVG's own size; default {@link DEFAULT_PNG_SCALE}. */
  scale?: number;
}

/**
 * The zoom actually used for an image of `width`×`height` CSS pixels: the requested one, lowered
 * just enough that the bitmap stays within {@link MAX_PNG_PIXELS}.
 */
export function effectiveScale(width: number, height: number, requested: number = DEFAULT_PNG_SCALE): number {
  if (!Number.isFinite(requested) || requested <= 0) throw new RangeError(`PNG scale must be a positive number, not ${requested}.`);
  const pixels = width * height * requested * requested;
  if (pixels <= MAX_PNG_PIXELS) return requested;
  // Floor to a thousandth so the rounding resvg does to whole pixels cannot push the image over the cap.
  return Math.floor(Math.sqrt(MAX_PNG_PIXELS / (width * height)) * 1000) / 1000;
}

function renderOptions(svg: string, options: PngOptions): ResvgRenderOptions {
  // A first parse without fonts only reads the document size: cheap, since text is dropped rather than shaped.
  const probe = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] }, logLevel: "off" });
  return {
    fitTo: { mode: "zoom", value: effectiveScale(probe.width, probe.height, options.scale) },
    font: {
      // resvg falls back per character by itself; the big CJK and emoji faces only join when the picture has such text.
      fontFiles: [...dejavuFontFiles(), ...[...needsFallback(svg)].map(fallbackFontPath)],
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
      serifFamily: "DejaVu Serif",
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  };
}

const bytes = (png: Buffer) => new Uint8Array(png.buffer, png.byteOffset, png.byteLength);

/** Renders an SVG document to PNG bytes with the bundled fonts. Throws if the SVG is not well-formed. */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  return bytes(new Resvg(svg, renderOptions(svg, options)).render().asPng());
}
