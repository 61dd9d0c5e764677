/** Reading pdfkit output back in tests: text as a viewer copies it, fonts, metadata. */
export const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString("latin1");

/**
 * Reads the text back out of an uncompressed pdfkit PDF. pdfkit writes embedded-font text as hex
 * glyph ids (`[<0012 0034> 30 <0056>] TJ` after `/F2 10 Tf`), and gives each font a ToUnicode CMap
 * mapping those ids back to characters — the same map a viewer uses for copy and search. So: map each
 * font resource name to its CMap, then decode every TJ with the font in force. One string per text op.
 */
export function pdfText(pdf: Uint8Array): string[] {
  const raw = latin1(pdf);
  const objects = new Map<number, string>();
  for (const m of raw.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]);
  const fontObject = new Map<string, number>();
  for (const m of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontObject.set(m[1], Number(m[2]));
  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (font: string) => {
    if (!cmaps.has(font)) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject.get(font)!)!)![1];
      const table = new Map<number, string>();
      for (const range of objects.get(Number(ref))!.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
        [...range[2].matchAll(/<([0-9a-f ]+)>/g)].forEach((entry, i) => {
          const units = entry[1].replace(/ /g, "").match(/.{4}/g)!.map((h) => parseInt(h, 16));
          table.set(parseInt(range[1], 16) + i, String.fromCharCode(...units));
        });
      }
      cmaps.set(font, table);
    }
    return cmaps.get(font)!;
  };
  const out: string[] = [];
  let font = "";
  for (const m of raw.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (m[1]) font = m[1];
    else {
      const hex = [...m[2].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join("");
      out.push((hex.match(/.{4}/g) ?? []).map((id) => cmapOf(font).get(parseInt(id, 16)) ?? "\ufffd").join(""));
    }
  }
  return out;
}

/** A document-info entry (pdfkit writes each value as an indirect string object), decoded to a JS string. */
export function infoEntry(pdf: Uint8Array, key: string): string {
  const raw = latin1(pdf);
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)![1];
  const literal = new RegExp(`\\n${ref} 0 obj\\n\\(([\\s\\S]*?)\\)\\nendobj`).exec(raw)![1];
  const bytes = literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /\d/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e,
  );
  // Non-ASCII values are UTF-16BE behind a byte-order mark.
  return bytes.startsWith("\xfe\xff") ? Buffer.from(bytes.slice(2), "latin1").swap16().toString("utf16le") : bytes;
}

/** The base font name of a font resource (e.g. F7 → "ABCDEF+NotoSansSC-Regular"). */
export function fontName(pdf: Uint8Array, resource: string): string {
  const raw = latin1(pdf);
  const ref = new RegExp(`/${resource} (\\d+) 0 R`).exec(raw)![1];
  return new RegExp(`\\n${ref} 0 obj\\n<<[\\s\\S]*?/BaseFont /([^\\s/]+)`).exec(raw)![1];
}

/** Every glyph id drawn, by base font name. */
export function glyphsByFont(pdf: Uint8Array): Map<string, string[]> {
  const raw = latin1(pdf);
  const baseFont = (resource: string) => fontName(pdf, resource);
  const out = new Map<string, string[]>();
  let font = "";
  for (const m of raw.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (m[1]) font = baseFont(m[1]);
    else out.set(font, [...(out.get(font) ?? []), ...([...m[2].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join("").match(/.{4}/g) ?? [])]);
  }
  return out;
}

export const pageCount = (pdf: Uint8Array) => Number(/\/Type \/Pages\n\/Count (\d+)/.exec(latin1(pdf))![1]);
export const squash = (lines: string[]) => lines.join(" ").replace(/\s+/g, " ");
