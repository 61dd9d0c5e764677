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

/** Formats a file can be imported from. */
export const IMPORT_FORMATS = ["json", "argdown"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Guesses the format of an uploaded file from its content: Parley JSON starts with `{`, anything else is Argdown. */
export function detectImportFormat(text: string): ImportFormat {
  return text.trimStart().startsWith("{") ? "json" : "argdown";
}
