import { z } from "zod";

/**
 * The export formats Parley offers, in menu order. The HTTP endpoint, the command line and the
 * board's Download menu all read this one table.
 */
export const EXPORT_FORMATS = {
  json: { label: "Parley JSON", description: "Lossless; import it back into Parley", extension: "parley.json", contentType: "application/json; charset=utf-8", binary: false },
  argdown: { label: "Argdown", description: "For the Argdown editor and tools", extension: "argdown", contentType: "text/x-argdown; charset=utf-8", binary: false },
  aif: { label: "AIF (OVA / AIFdb)", description: "Argument Interchange Format JSON", extension: "aif.json", contentType: "application/json; charset=utf-8", binary: false },
  annotations: { label: "Web Annotations", description: "W3C JSON-LD, one annotation per quote", extension: "annotations.jsonld", contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', binary: false },
  markdown: { label: "Markdown handout", description: "Outline with quotes as block quotes", extension: "md", contentType: "text/markdown; charset=utf-8", binary: false },
  outline: { label: "Kialo-style outline", description: "Numbered text outline with Pro/Con", extension: "outline.txt", contentType: "text/plain; charset=utf-8", binary: false },
  csv: { label: "CSV spreadsheet", description: "One row per argument", extension: "csv", contentType: "text/csv; charset=utf-8; header=present", binary: false },
  svg: { label: "SVG image", description: "The argument map as a vector image", extension: "svg", contentType: "image/svg+xml; charset=utf-8", binary: false },
  png: { label: "PNG image", description: "The argument map as a picture", extension: "png", contentType: "image/png", binary: true },
  pdf: { label: "PDF handout", description: "The article with cited passages and the outline", extension: "pdf", contentType: "application/pdf", binary: true },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const ExportFormatSchema = z.enum(Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]]);

/** Formats a file can be imported from, with the names the import form shows. */
export const IMPORT_FORMAT_LABELS = { json: "Parley JSON", argdown: "Argdown", aif: "AIF / OVA3 JSON", kialo: "Kialo outline" } as const;
export const IMPORT_FORMATS = ["json", "argdown", "aif", "kialo"] as const satisfies ReadonlyArray<keyof typeof IMPORT_FORMAT_LABELS>;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How far into a file detection looks: the distinguishing keys and lines come first in every format. */
const DETECT_WINDOW = 4096;

/**
 * Guesses the format of an uploaded file from its content: JSON naming Parley's board type is Parley
 * JSON, other JSON is AIF (AIFdb, OVA3); a "Discussion Title:" or numbered first line is a Kialo
 * outline; anything else is Argdown.
 */
export function detectImportFormat(text: string): ImportFormat {
  const head = text.trimStart().slice(0, DETECT_WINDOW);
  if (head.startsWith("{")) return /"type"\s*:\s*"parley-board"/.test(head) || !/"(AIF|nodes)"\s*:/.test(head) ? "json" : "aif";
  return /^(Discussion Title:|\d+\.\s)/i.test(head) ? "kialo" : "argdown";
}
