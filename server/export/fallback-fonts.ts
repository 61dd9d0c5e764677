import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Fonts for the scripts DejaVu lacks, which people paste into boards all the same: Chinese and
 * Japanese (Noto Sans SC: hanzi, kana, CJK punctuation) and emoji (Noto Emoji, monochrome, which is
 * what a printed handout wants). They are ~10 MB each, so they are read only when a text needs them
 * (see needsFallback) and never by a board in Latin, Greek or Cyrillic script.
 */
export type FallbackFace = "cjk" | "cjkBold" | "emoji";

const FILES: Record<FallbackFace, [pkg: string, file: string]> = {
  cjk: ["@expo-google-fonts/noto-sans-sc", "400Regular/NotoSansSC_400Regular.ttf"],
  cjkBold: ["@expo-google-fonts/noto-sans-sc", "700Bold/NotoSansSC_700Bold.ttf"],
  emoji: ["@expo-google-fonts/noto-emoji", "400Regular/NotoEmoji_400Regular.ttf"],
};

const require = createRequire(import.meta.url);
const data = new Map<FallbackFace, Buffer>();

/** The face's font file (its path resolved through the package, so a hoisted install works too). */
export function fallbackFontPath(face: FallbackFace): string {
  const [pkg, file] = FILES[face];
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** The face's bytes, read once per process. */
export function fallbackFontData(face: FallbackFace): Buffer {
  let bytes = data.get(face);
  if (!bytes) data.set(face, (bytes = readFileSync(fallbackFontPath(face))));
  return bytes;
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** Han, kana, Bopomofo, CJK symbols and punctuation, full-width forms: what Noto Sans SC covers. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef\u31c0-\u31ef]/u;

/** The face to try for a character the default font lacks, or null when no bundled face covers its script. */
export function fallbackFor(char: string, bold: boolean): FallbackFace | null {
  if (EMOJI.test(char)) return "emoji";
  if (CJK.test(char)) return bold ? "cjkBold" : "cjk";
  return null;
}

/** Fallback faces some character of `text` may need (a cheap scan: no font is read). */
export function needsFallback(text: string): Set<FallbackFace> {
  const faces = new Set<FallbackFace>();
  if (/^[\x00-\u024f]*$/.test(text)) return faces; // Latin only: the common case, decided at once
  for (const char of text) {
    const face = fallbackFor(char, false);
    if (face === "cjk") faces.add("cjk").add("cjkBold");
    else if (face) faces.add(face);
  }
  return faces;
}
