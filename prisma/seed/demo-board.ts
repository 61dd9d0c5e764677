import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type * as Y from "yjs";
import { z } from "zod";
import { createAnchor, type QuoteAnchor } from "../../lib/anchoring/anchor";
import { utf16ToCodePoint } from "../../lib/anchoring/text";
import { argumentsMap, readPositions } from "../../lib/board/doc";
import { addArgument } from "../../lib/board/operations";
import type { PositionDraft } from "../../lib/board/position";
import { DEMO_ARGUMENTS, type DemoArgument, type DemoQuote } from "./demo-arguments";

/**
 * The demo board: the seed article (prisma/seed/article.txt) with a small debate already on it.
 * Shared by the database seed, integration tests and e2e fixtures, so everything here is deterministic.
 */

export const DEMO_BOARD_ID = "demo";
export const DEMO_JOIN_CODE = "DEMO18";

/** Milliseconds between two demo arguments' `createdAt`, so the board reads in the order they are listed. */
const DEMO_STAGGER_MS = 1000;

const ArticleMetaSchema = z.object({
  title: z.string().min(1),
  publisher: z.string().min(1),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  language: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  positions: z.array(z.object({ key: z.string().min(1), label: z.string().min(1) })).min(1),
});
type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

export interface DemoSource {
  title: string;
  publisher: string;
  /** ISO date, `YYYY-MM-DD`. */
  publishedOn: string;
  language: string;
  text: string;
  sha256: string;
}

function readArticleMeta(): ArticleMeta {
  const raw = readFileSync(new URL("./article.json", import.meta.url), "utf8");
  return ArticleMetaSchema.parse(JSON.parse(raw));
}

/**
 * Reads the seed article and its metadata from prisma/seed. Throws when the text's SHA-256 differs from
 * article.json's: every quote on the demo board is anchored by offset, so an edited article must be caught
 * here rather than show up as quotes pointing at the wrong words.
 */
export function loadDemoSource(): DemoSource {
  const meta = readArticleMeta();
  const bytes = readFileSync(new URL("./article.txt", import.meta.url));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== meta.sha256) {
    throw new Error(`prisma/seed/article.txt has SHA-256 ${sha256}, but article.json expects ${meta.sha256}.`);
  }
  return {
    title: meta.title,
    publisher: meta.publisher,
    publishedOn: meta.published,
    language: meta.language,
    text: bytes.toString("utf8"),
    sha256,
  };
}

/** The demo board's positions, in order, as article.json lists them ("us", then "pak-military"). */
export function demoPositionDrafts(): PositionDraft[] {
  return readArticleMeta().positions.map(({ key, label }) => ({ key, label }));
}

/** Position id that `makePositions` gives a position key. */
function positionIdFor(key: string): string {
  return `pos-${key}`;
}

function isDemoArgumentId(parent: DemoArgument["parent"]): boolean {
  return parent.startsWith("demo-");
}

/** Finds a demo quote in the source and anchors it; throws when it is missing or ambiguous. */
function anchorDemoQuote(source: string, argumentId: string, quote: DemoQuote): QuoteAnchor {
  const found: number[] = [];
  for (let at = source.indexOf(quote.exact); at !== -1; at = source.indexOf(quote.exact, at + 1)) found.push(at);
  const label = `Demo argument ${argumentId}: quote "${quote.exact.slice(0, 40)}…"`;
  if (found.length === 0) throw new Error(`${label} does not appear in the article.`);
  if (quote.occurrence === undefined && found.length > 1) {
    throw new Error(`${label} appears ${found.length} times; give an occurrence.`);
  }
  const at = found[quote.occurrence ?? 0];
  if (at === undefined) throw new Error(`${label} has no occurrence ${quote.occurrence}.`);
  const anchored = createAnchor(source, utf16ToCodePoint(source, at), utf16ToCodePoint(source, at + quote.exact.length));
  if (!anchored.ok) throw new Error(`${label} could not be anchored: ${anchored.message}`);
  return anchored.anchor;
}

/**
 * Writes every demo argument into `doc` (mutates it), in one transaction. `doc` must already hold the
 * demo positions (`initBoardDoc` with `makePositions(demoPositionDrafts())`) and no demo arguments.
 * Argument i is created at `now + i * DEMO_STAGGER_MS`, so the same `now` always yields the same board.
 * Throws, naming the argument, when the model refuses one: the seed never silently drops an argument.
 */
export function fillDemoBoard(doc: Y.Doc, sourceText: string, now: number): void {
  const positionIds = new Set(readPositions(doc).map((p) => p.id));
  for (const arg of DEMO_ARGUMENTS) {
    if (!isDemoArgumentId(arg.parent) && !positionIds.has(positionIdFor(arg.parent))) {
      throw new Error(`Demo argument ${arg.id}: the board has no position "${positionIdFor(arg.parent)}"; initialise it first.`);
    }
    // addArgument would overwrite a record with the same id; a second fill is a bug, not a refresh.
    if (argumentsMap(doc).has(arg.id)) throw new Error(`Demo argument ${arg.id} is already on the board.`);
  }
  doc.transact(() => {
    DEMO_ARGUMENTS.forEach((arg, index) => {
      const result = addArgument(
        doc,
        sourceText,
        {
          parentId: isDemoArgumentId(arg.parent) ? arg.parent : positionIdFor(arg.parent),
          stance: arg.stance,
          text: arg.text,
          quotes: arg.quotes.map((quote) => anchorDemoQuote(sourceText, arg.id, quote)),
          author: { id: `demo-${arg.authorName.toLowerCase()}`, name: arg.authorName },
        },
        { id: arg.id, now: now + index * DEMO_STAGGER_MS },
      );
      if (!result.ok) throw new Error(`Demo argument ${arg.id} was refused: ${result.error.message} (${result.error.code})`);
    });
  });
}
