/**
 * Text measurement for the picture exports: an estimate of DejaVu Sans advance widths (the font the
 * PNG renderer embeds) and line wrapping by that estimate. Pure and deterministic, with no font file
 * to load, so the same text always wraps the same way, wherever it runs.
 */

/** DejaVu Sans advance widths of ASCII 32–126 in hundredths of an em (read from the font's hmtx table). */
const ASCII_WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68,
  69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55,
  63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];

/** Estimated width in px of `text` at `size`; bold runs about 14% wider in DejaVu Sans. */
export function textWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 32 && cp < 127) ems += ASCII_WIDTHS[cp - 32] / 100;
    else if ((cp >= 0x300 && cp < 0x370) || (cp >= 0xfe00 && cp < 0xfe10) || (cp >= 0x1f3fb && cp < 0x1f400)) continue; // combining marks, modifiers
    else ems += cp >= 0x1100 && (cp < 0x1200 || (cp >= 0x2e80 && cp < 0xa500) || (cp >= 0xac00 && cp < 0xd7a4) || cp >= 0xf900) ? 1 : 0.65;
  }
  return ems * size * (bold ? 1.14 : 1);
}

/** Wraps on spaces and newlines (over-long words break anywhere); past `maxLines` the last line ends in "…". */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number, bold = false): string[] {
  const lines: string[] = [];
  const space = textWidth(" ", size, bold);
  for (const para of text.replace(/\t/g, " ").split("\n")) {
    let line = "";
    let width = 0;
    for (const word of para.split(" ").filter(Boolean)) {
      const w = textWidth(word, size, bold);
      if (line && width + space + w <= maxWidth) {
        line += ` ${word}`;
        width += space + w;
        continue;
      }
      if (line) lines.push(line);
      [line, width] = [word, w];
      while (width > maxWidth) {
        const chars = Array.from(line);
        let cut = 1;
        while (cut < chars.length && textWidth(chars.slice(0, cut + 1).join(""), size, bold) <= maxWidth) cut++;
        lines.push(chars.slice(0, cut).join(""));
        line = chars.slice(cut).join("");
        width = textWidth(line, size, bold);
      }
    }
    if (line) lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = Array.from(kept[maxLines - 1]);
  while (last.length && textWidth(`${last.join("")} …`, size, bold) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join("").trimEnd()} …`;
  return kept;
}
