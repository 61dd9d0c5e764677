import type { Argument } from "../board/argument";
import { quotesOf, type ExportBoard, type QuoteRecord } from "./board-export";

/**
 * W3C Web Annotation export (Web Annotation Data Model, JSON-LD with http://www.w3.org/ns/anno.jsonld):
 * one Annotation per quote, gathered in an AnnotationCollection whose single embedded AnnotationPage
 * holds them all. Annotation tools (Hypothesis-style clients, IIIF viewers, Recogito) can re-anchor each
 * one on the source and show the argument that cites the passage.
 *
 * Why `motivation: "commenting"`: what a reader sees beside the highlighted passage is the argument's
 * text, i.e. a comment on the target. The other bodies say what they are through their own `purpose`
 * (the spec's way for mixed bodies): the link to the argument on the board is `linking`, the position
 * and stance are `tagging`. "linking" as the motivation would make the argument text look incidental.
 *
 * Offsets: a TextPositionSelector counts Unicode code points with `end` exclusive, which is exactly
 * what the model's QuoteAnchor stores, so they are copied unchanged (no UTF-16 conversion). They
 * address Parley's plain-text copy of the source; if `sourceUrl` serves HTML, clients fall back on the
 * TextQuoteSelector (exact + prefix/suffix), which is listed first for that reason.
 */

export const ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

export interface WebAnnotationOptions {
  /** IRI of the annotated source document; every target's `source`. */
  sourceUrl: string;
  /** IRI of the board, without a fragment; annotation and argument ids are fragments of it. */
  boardUrl: string;
}

export interface TextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: "TextPositionSelector";
  /** Code points from the start of the source, inclusive. */
  start: number;
  /** Code points from the start of the source, exclusive. */
  end: number;
}

export type AnnotationBody =
  | { type: "TextualBody"; value: string; format: "text/plain"; purpose: "commenting" | "tagging" }
  | { type: "SpecificResource"; source: string; purpose: "linking" };

export interface WebAnnotation {
  id: string;
  type: "Annotation";
  motivation: "commenting";
  creator: { type: "Person"; name: string };
  created: string;
  modified: string;
  body: AnnotationBody[];
  target: { type: "SpecificResource"; source: string; selector: [TextQuoteSelector, TextPositionSelector] };
}

export interface AnnotationCollection {
  "@context": typeof ANNOTATION_CONTEXT;
  id: string;
  type: "AnnotationCollection";
  label: string;
  total: number;
  /** Absent when there are no quotes: the model requires a page to hold at least one item. */
  first?: { id: string; type: "AnnotationPage"; startIndex: 0; items: WebAnnotation[] };
  last?: string;
}

/** xsd:dateTime in UTC with a `Z`, whole seconds, as the model's examples write it. */
export function annotationTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The annotation for one quote of `arg`. Pure; exported for tests and for single-quote links. */
export function quoteAnnotation(board: ExportBoard, arg: Argument, quote: QuoteRecord, options: WebAnnotationOptions): WebAnnotation {
  const position = board.positions.find((p) => p.id === arg.positionId);
  const tag = (value: string): AnnotationBody => ({ type: "TextualBody", value, format: "text/plain", purpose: "tagging" });
  return {
    id: `${options.boardUrl}#quote-${quote.id}`,
    type: "Annotation",
    motivation: "commenting",
    // Name only: the author id is an internal account id and stays out of a public export.
    creator: { type: "Person", name: arg.authorName },
    created: annotationTime(arg.createdAt),
    modified: annotationTime(arg.updatedAt),
    body: [
      { type: "TextualBody", value: arg.text, format: "text/plain", purpose: "commenting" },
      { type: "SpecificResource", source: `${options.boardUrl}#argument-${arg.id}`, purpose: "linking" },
      ...(position ? [tag(position.label)] : []),
      // The stance in the board's own words; it is relative to the argument's parent (a position or another argument).
      tag(arg.stance),
    ],
    target: {
      type: "SpecificResource",
      source: options.sourceUrl,
      selector: [
        { type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: "TextPositionSelector", start: quote.start, end: quote.end },
      ],
    },
  };
}

/** Builds the collection object; {@link toWebAnnotations} serialises it. */
export function webAnnotationCollection(board: ExportBoard, options: WebAnnotationOptions): AnnotationCollection {
  const byId = new Map(board.arguments.map((a) => [a.id, a]));
  const items = quotesOf(board).map((quote) => quoteAnnotation(board, byId.get(quote.argumentId)!, quote, options));
  const collection: AnnotationCollection = {
    "@context": ANNOTATION_CONTEXT,
    id: `${options.boardUrl}#annotations`,
    type: "AnnotationCollection",
    label: board.board.title,
    total: items.length,
  };
  if (items.length === 0) return collection;
  const pageId = `${options.boardUrl}#annotations-page-1`;
  // One embedded page: a board holds at most a few hundred quotes, far below any need for paging.
  return { ...collection, first: { id: pageId, type: "AnnotationPage", startIndex: 0, items }, last: pageId };
}

/**
 * The board's quotes as a W3C Web Annotation collection, pretty-printed JSON-LD. The `@context` sits on
 * the collection only; embedded pages and annotations inherit it, as in the model's own examples.
 */
export function toWebAnnotations(board: ExportBoard, options: WebAnnotationOptions): string {
  return JSON.stringify(webAnnotationCollection(board, options), null, 2);
}
