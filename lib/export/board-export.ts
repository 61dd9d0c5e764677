import type { Argument } from "../board/argument";
import { visibleComments, type Comment } from "../board/comments";
import type { BoardState } from "../board/doc";
import type { Position } from "../board/position";
import type { QuoteAnchor } from "../anchoring/anchor";
import type { SourceView } from "../views/board-views";
import type { ExportResults } from "./results";

/**
 * Everything an export format may draw on: one board as it stands, its source document, and the
 * derived relations and quotes. Every format module in lib/export takes this and nothing else, so
 * formats stay pure and testable without a database.
 */
export interface ExportBoard {
  board: { id: string; title: string; createdAt: string; updatedAt: string };
  /** The source as the board page shows it, without its store id (an export stands on its own). */
  source: Omit<SourceView, "id">;
  positions: Position[];
  /** Oldest first; parents always come before their replies. */
  arguments: Argument[];
  /** Teams bound to positions, with their members' ids (facilitated boards). */
  teams?: ExportTeam[];
  /** Individual ballots: only in exports made for a facilitator (votes are blind to everyone else). */
  votes?: ExportVote[];
  /** The vote results, only once the facilitator has revealed them (see results.ts). */
  results?: ExportResults | null;
  /** Which revision of the board's source `source` is, and so every quote (absent: 1, the original). */
  sourceRevision?: number;
  /** Comments on the exported arguments, oldest first; orphans are never exported. */
  comments?: Comment[];
}

export interface ExportTeam {
  id: string;
  name: string;
  positionId: string;
  color: Position["color"];
  memberIds: string[];
}

export interface ExportVote {
  argumentId: string;
  memberId: string;
  strength: number | null;
  quoteSupport: number | null;
  /** ISO time the ballot was last changed. */
  at: string;
}

/** An argument's link to what it answers: `support` for stance "for", `attack` for "against". */
export interface Relation {
  id: string;
  fromId: string;
  toId: string;
  kind: "support" | "attack";
}

/** One quote of one argument, with a stable id. */
export interface QuoteRecord extends QuoteAnchor {
  id: string;
  argumentId: string;
}

export function makeExportBoard(
  board: ExportBoard["board"],
  source: ExportBoard["source"],
  state: BoardState,
  extras: { teams?: ExportTeam[]; votes?: ExportVote[]; results?: ExportResults | null; comments?: Comment[] } = {},
): ExportBoard {
  const args = parentsFirst(state.arguments);
  const comments = visibleComments(extras.comments ?? [], new Set(args.map((a) => a.id)));
  return { board, source, positions: state.positions, arguments: args, teams: extras.teams ?? [], votes: extras.votes ?? [], results: extras.results ?? null, comments };
}

export function relationsOf(board: ExportBoard): Relation[] {
  return board.arguments.map((arg) => ({
    id: `rel-${arg.id}`,
    fromId: arg.id,
    toId: arg.parentId,
    kind: arg.stance === "for" ? "support" : "attack",
  }));
}

export function quotesOf(board: ExportBoard): QuoteRecord[] {
  return board.arguments.flatMap((arg) => arg.quotes.map((quote, index) => ({ id: `${arg.id}-q${index + 1}`, argumentId: arg.id, ...quote })));
}

/**
 * Orders arguments oldest first, except that a parent always precedes its replies. Iterative, and
 * safe on untrusted input: arguments caught in a loop of parents go last, where validation refuses them.
 */
export function parentsFirst(args: Argument[]): Argument[] {
  const byId = new Map(args.map((a) => [a.id, a]));
  const placed = new Set<string>();
  const looped: Argument[] = [];
  const out: Argument[] = [];
  for (const arg of [...args].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
    // Walk up to the first placed ancestor (or a position), then place the chain top-down.
    const chain: Argument[] = [];
    const onChain = new Set<string>();
    let loop = false;
    for (let at: Argument | undefined = arg; at && !placed.has(at.id); at = byId.get(at.parentId)) {
      if (onChain.has(at.id)) {
        loop = true;
        break;
      }
      onChain.add(at.id);
      chain.push(at);
    }
    for (const member of chain.reverse()) {
      placed.add(member.id);
      (loop ? looped : out).push(member);
    }
  }
  return [...out, ...looped];
}

/** A file name from the board title: letters, digits and dashes only. */
export function exportFileName(board: Pick<ExportBoard, "board">, extension: string): string {
  const slug = board.board.title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "parley-board"}.${extension}`;
}

/** The team each author argues for, by author id (facilitated boards). */
export function teamNamesByAuthor(board: ExportBoard): Map<string, string> {
  return new Map((board.teams ?? []).flatMap((team) => team.memberIds.map((memberId) => [memberId, team.name] as const)));
}
