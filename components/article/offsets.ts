import { codePointLength, codePointToUtf16, utf16ToCodePoint } from "@/lib/anchoring/text";

/**
 * Converts between the model's code-point offsets and the UTF-16 indices the DOM uses, for one
 * source text. Most sources have no astral characters, and then both are the same number: the
 * mapper skips the O(n) walk that lib/anchoring/text does per call.
 */
export interface OffsetMapper {
  toUtf16(codePoint: number): number;
  toCodePoint(utf16: number): number;
}

export function offsetMapper(source: string): OffsetMapper {
  if (codePointLength(source) === source.length) {
    return { toUtf16: (cp) => cp, toCodePoint: (unit) => unit };
  }
  return {
    toUtf16: (cp) => codePointToUtf16(source, cp),
    toCodePoint: (unit) => utf16ToCodePoint(source, unit),
  };
}
