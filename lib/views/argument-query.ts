import { z } from "zod";
import type { Argument, Stance } from "../board/argument";
import { STANCES } from "../board/constants";
import { compareSiblings } from "../board/order";
import type { Position } from "../board/position";

/**
 * What a person asks of a long board: a search, filters and an order. Pure, so the board screen, the
 * URL (a shareable view) and the tests all agree on what "showing 12 of 1,000" means.
 *
 * Filters that describe one argument (search, team, no quote, mine) keep an argument when it matches
 * or when one of its replies does: the thread stays readable, and the rows that only give context are
 * marked `match: false`. Position and stance pick whole columns and lanes.
 */

export const ARGUMENT_SORTS = ["oldest", "newest", "votes", "strength"] as const;
export type ArgumentSort = (typeof ARGUMENT_SORTS)[number];

/** Longest search kept: a search box is not a place to paste an essay. */
export const SEARCH_MAX_CHARS = 200;

export const ArgumentQuerySchema = z.object({
  text: z.string().max(SEARCH_MAX_CHARS),
  /** A position's key (stable and readable in a URL), or null for every position. */
  positionKey: z.string().max(64).nullable(),
  stance: z.enum(STANCES).nullable(),
  teamId: z.string().max(64).nullable(),
  noQuote: z.boolean(),
  mine: z.boolean(),
  sort: z.enum(ARGUMENT_SORTS),
});
export type ArgumentQuery = z.infer<typeof ArgumentQuerySchema>;

export const EMPTY_QUERY: ArgumentQuery = { text: "", positionKey: null, stance: null, teamId: null, noQuote: false, mine: false, sort: "oldest" };

/** What the board knows about each argument beyond its record, as the viewer may see it. */
export interface QueryContext {
  /** This person's author id, for "my arguments"; null for someone who has not joined. */
  selfId: string | null;
  /** The name shown on the card (facilitators see real names on an anonymous board). */
  authorName(arg: Argument): string;
  teamOfAuthor(arg: Argument): { id: string; name: string } | null;
  /** Vote counts and average strength, where this person may see them. */
  tally(argumentId: string): { votes: number; strength: number | null } | undefined;
}

/** One card in a lane: replies follow their parent, one level deeper. */
export interface BoardRow {
  argument: Argument;
  depth: number;
  /** Every reply below this argument on the board, whether shown or not. */
  replyCount: number;
  /** Its replies are folded away (by the reader). */
  collapsed: boolean;
  /** False for a row shown only because a reply below it matches. */
  match: boolean;
}

export interface LaneView {
  stance: Stance;
  rows: BoardRow[];
  /** Top-level arguments shown in this lane. */
  threads: number;
}

export interface ColumnView {
  position: Position;
  lanes: LaneView[];
  /** Arguments under this position on the whole board. */
  total: number;
}

export interface BoardView {
  columns: ColumnView[];
  /** Arguments in the lanes shown that match the query (folded replies count: they are there). */
  matching: number;
  total: number;
}

/** Whether the query narrows anything down beyond the order. */
export function isNarrowed(q: ArgumentQuery): boolean {
  return q.text.trim() !== "" || q.positionKey !== null || q.stance !== null || q.teamId !== null || q.noQuote || q.mine;
}

/** Case- and accent-insensitive form used by the search. */
export function foldForSearch(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** The filters that look at one argument; null when none is active (everything matches). */
function argumentMatcher(q: ArgumentQuery, ctx: QueryContext): ((arg: Argument) => boolean) | null {
  const terms = foldForSearch(q.text).split(/\s+/).filter(Boolean);
  if (terms.length === 0 && q.teamId === null && !q.noQuote && !q.mine) return null;
  return (arg) => {
    if (q.noQuote && arg.quotes.length > 0) return false;
    if (q.mine && (ctx.selfId === null || arg.authorId !== ctx.selfId)) return false;
    const team = ctx.teamOfAuthor(arg);
    if (q.teamId !== null && team?.id !== q.teamId) return false;
    if (terms.length === 0) return true;
    // Every word must appear somewhere: text, author, team or a quoted passage.
    const haystack = foldForSearch([arg.text, ctx.authorName(arg), team?.name ?? "", ...arg.quotes.map((quote) => quote.exact)].join("\n"));
    return terms.every((term) => haystack.includes(term));
  };
}

/**
 * Sibling order for `sort`; ties fall back to the board's own order. "oldest" is that order: creation
 * time, except where someone moved an argument (lib/board/order.ts).
 */
function comparator(sort: ArgumentSort, ctx: QueryContext): (a: Argument, b: Argument) => number {
  const oldest = compareSiblings;
  switch (sort) {
    case "oldest":
      return oldest;
    case "newest":
      return (a, b) => -oldest(a, b);
    case "votes":
      return (a, b) => (ctx.tally(b.id)?.votes ?? 0) - (ctx.tally(a.id)?.votes ?? 0) || oldest(a, b);
    case "strength":
      // Unrated arguments go last, whatever their age.
      return (a, b) => (ctx.tally(b.id)?.strength ?? -1) - (ctx.tally(a.id)?.strength ?? -1) || oldest(a, b);
  }
}

/**
 * The board as rows per position and lane, for `query`, with the replies of `collapsed` ids folded
 * (a narrowed view unfolds whatever leads to a match). Runs in one pass over the arguments plus a sort
 * of each sibling list: cheap enough to redo on every change of a 1,000-argument board.
 */
export function buildBoardView(positions: Position[], args: Argument[], query: ArgumentQuery, ctx: QueryContext, collapsed: ReadonlySet<string>): BoardView {
  const childrenOf = new Map<string, Argument[]>();
  for (const arg of args) {
    const list = childrenOf.get(arg.parentId);
    if (list) list.push(arg);
    else childrenOf.set(arg.parentId, [arg]);
  }
  const order = comparator(query.sort, ctx);
  for (const list of childrenOf.values()) list.sort(order);

  const replyCount = new Map<string, number>();
  const countBelow = (id: string): number => {
    let n = 0;
    for (const child of childrenOf.get(id) ?? []) n += 1 + countBelow(child.id);
    replyCount.set(id, n);
    return n;
  };

  const matches = argumentMatcher(query, ctx);
  // Ids that match or lead to a match, found bottom-up; everything when nothing narrows.
  const wanted = new Set<string>();
  const mark = (arg: Argument): boolean => {
    let keep = matches === null || matches(arg);
    for (const child of childrenOf.get(arg.id) ?? []) keep = mark(child) || keep;
    if (keep) wanted.add(arg.id);
    return keep;
  };
  // Matching arguments in the lanes shown, folded replies included.
  let matching = 0;

  const columns: ColumnView[] = [];
  for (const position of positions) {
    const top = childrenOf.get(position.id) ?? [];
    let total = 0;
    for (const arg of top) {
      total += 1 + countBelow(arg.id);
      mark(arg);
    }
    if (query.positionKey !== null && position.key !== query.positionKey) continue;
    const lanes = STANCES.filter((s) => query.stance === null || query.stance === s).map((stance) => {
      const rows: BoardRow[] = [];
      const walk = (arg: Argument, depth: number) => {
        if (!wanted.has(arg.id)) return;
        const folded = matches === null && collapsed.has(arg.id);
        const replies = replyCount.get(arg.id) ?? 0;
        const match = matches === null || matches(arg);
        rows.push({ argument: arg, depth, replyCount: replies, collapsed: folded, match });
        if (match) matching++;
        if (folded) {
          matching += replies;
          return;
        }
        for (const child of childrenOf.get(arg.id) ?? []) walk(child, depth + 1);
      };
      const threads = top.filter((arg) => arg.stance === stance && wanted.has(arg.id));
      for (const arg of threads) walk(arg, 0);
      return { stance, rows, threads: threads.length };
    });
    columns.push({ position, lanes, total });
  }
  return { columns, matching, total: args.length };
}

const TRUE = "1";

/** Reads a query from a page URL's search params; anything malformed falls back to the default. */
export function queryFromParams(params: URLSearchParams): ArgumentQuery {
  const raw = {
    text: (params.get("q") ?? "").slice(0, SEARCH_MAX_CHARS),
    positionKey: params.get("pos") || null,
    stance: params.get("stance") || null,
    teamId: params.get("team") || null,
    noQuote: params.get("noquote") === TRUE,
    mine: params.get("mine") === TRUE,
    sort: params.get("sort") || EMPTY_QUERY.sort,
  };
  const parsed = ArgumentQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Keep the fields that are fine: a bad `sort` in a shared link should not also drop the search.
  const fields = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      const field = ArgumentQuerySchema.shape[key as keyof ArgumentQuery];
      return [key, field.safeParse(value).success ? value : EMPTY_QUERY[key as keyof ArgumentQuery]];
    }),
  );
  return ArgumentQuerySchema.parse(fields);
}

/** Writes `query` into `params` (mutates it), leaving other parameters (an invite…) alone. */
export function writeQueryParams(params: URLSearchParams, query: ArgumentQuery): void {
  const set = (key: string, value: string | null) => (value ? params.set(key, value) : params.delete(key));
  set("q", query.text.trim() ? query.text : null);
  set("pos", query.positionKey);
  set("stance", query.stance);
  set("team", query.teamId);
  set("noquote", query.noQuote ? TRUE : null);
  set("mine", query.mine ? TRUE : null);
  set("sort", query.sort === EMPTY_QUERY.sort ? null : query.sort);
}
