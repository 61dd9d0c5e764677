import { LIMITS } from "../board/constants";
import { ImportedBoardSchema, type ImportedBoard, type ImportIssue, type ImportResult } from "./imported-board";

/**
 * Helpers shared by the importers of other tools' maps (AIF, Kialo): they read a graph or an outline
 * into the same neutral pieces, and this file turns those into a checked ImportedBoard.
 */

/** An argument as an importer reads it, before ids of parents and positions are known to be valid. */
export type DraftArgument = ImportedBoard["arguments"][number];

/** Most arguments one imported map may hold; a larger map is refused with this number in the message. */
export const MAX_IMPORTED_ARGUMENTS = 10_000;

/** Lower-case letters and digits of any script, joined by dashes. */
export function slug(text: string, fallback: string): string {
  return text.toLowerCase().normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 40) || fallback;
}

/** Cuts `text` to `max` characters on one line, with an ellipsis when it was longer. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The second position of a map with a single thesis: its explicit negation. Parley debates need two
 * sides; the thesis's own pro and con arguments stay under the thesis.
 */
export function negationOf(label: string): string {
  return clip(`Not: ${label}`, LIMITS.positionLabelMaxChars);
}

/** Position keys from labels, unique in order. */
export function positionKeys(labels: string[]): string[] {
  const used = new Set<string>();
  return labels.map((label) => {
    const base = slug(label, "position");
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return key;
  });
}

/** Where each part of the board came from in the file, so schema problems can name it. */
export interface Origins {
  positions: Array<string | number | undefined>;
  arguments: Array<string | number | undefined>;
  /** Turns an origin into the issue's location. */
  locate(origin: string | number | undefined): Pick<ImportIssue, "line"> & { prefix: string };
}

/** Most problems listed for one file: past this, one more line says how many were left out. */
export const MAX_LISTED_ISSUES = 100;

/** Caps a list of issues at MAX_LISTED_ISSUES, noting the rest. */
export function capIssues(errors: ImportIssue[]): ImportIssue[] {
  if (errors.length <= MAX_LISTED_ISSUES) return errors;
  return [...errors.slice(0, MAX_LISTED_ISSUES), { message: `…and ${errors.length - MAX_LISTED_ISSUES} more problems.` }];
}

/** Validates the assembled board; every schema problem becomes an issue placed by `origins`. */
export function checkImported(board: unknown, origins: Origins): ImportResult {
  const checked = ImportedBoardSchema.safeParse(board);
  if (checked.success) return { ok: true, board: checked.data };
  return {
    ok: false,
    errors: capIssues(
      checked.error.issues.map((issue) => {
      const [list, index] = issue.path;
      const origin = list === "arguments" ? origins.arguments[index as number] : list === "positions" ? origins.positions[index as number] : undefined;
      const { prefix, ...where } = origins.locate(origin);
        return { ...where, message: `${prefix}${issue.path.join(".")}: ${issue.message}` };
      }),
    ),
  };
}
