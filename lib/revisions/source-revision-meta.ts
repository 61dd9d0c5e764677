import * as Y from "yjs";
import { z } from "zod";
import { QuoteAnchorSchema, type QuoteAnchor } from "../anchoring/anchor";
import { argumentsMap, metaMap } from "../board/doc";
import type { RetiredQuote } from "./revision-decisions";

/**
 * The source revision as the board document carries it, in `meta` (which only the server writes):
 *   sourceRevision  number            the revision `sourceSha256` belongs to (absent: 1, the original)
 *   retiredQuotes   RetiredQuoteEntry[]  quotes a revision took off their arguments, never forgotten
 * Live clients read both, so a revision reaches every screen with the same update that moves the quotes.
 */

export const RetiredQuoteEntrySchema = z
  .object({
    argumentId: z.string().min(1).max(64),
    quote: QuoteAnchorSchema,
    /** The revision whose text the quote was anchored to. */
    anchoredIn: z.number().int().positive(),
    /** The revision that retired it. */
    retiredIn: z.number().int().positive(),
    retiredAt: z.number().int().nonnegative(),
  })
  .strict();
export type RetiredQuoteEntry = z.infer<typeof RetiredQuoteEntrySchema>;

/** The board's current source revision (1 for a board never revised). */
export function readSourceRevision(doc: Y.Doc): number {
  const value = metaMap(doc).get("sourceRevision");
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 1;
}

/** Every quote retired by a revision, oldest first; malformed entries are left out. */
export function readRetiredQuotes(doc: Y.Doc): RetiredQuoteEntry[] {
  const value = metaMap(doc).get("retiredQuotes");
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = RetiredQuoteEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface RevisionWrite {
  revision: number;
  sha256: string;
  quotes: ReadonlyMap<string, QuoteAnchor[]>;
  retired: readonly RetiredQuote[];
  now: number;
}

/**
 * Switches the document to a new source revision in one transaction (mutates `doc`): meta's sha256 and
 * revision, the quotes of every affected argument, and the retired quotes appended to the record.
 */
export function writeSourceRevision(doc: Y.Doc, write: RevisionWrite): void {
  const previous = readSourceRevision(doc);
  doc.transact(() => {
    const meta = metaMap(doc);
    const entries: RetiredQuoteEntry[] = write.retired.map((r) => ({ ...r, anchoredIn: previous, retiredIn: write.revision, retiredAt: write.now }));
    meta.set("sourceSha256", write.sha256);
    meta.set("sourceRevision", write.revision);
    if (entries.length > 0) meta.set("retiredQuotes", [...readRetiredQuotes(doc), ...entries]);
    const records = argumentsMap(doc);
    for (const [argumentId, quotes] of write.quotes) {
      const record = records.get(argumentId);
      if (!(record instanceof Y.Map)) continue;
      record.set("quotes", quotes);
      record.set("updatedAt", write.now);
    }
  });
}
