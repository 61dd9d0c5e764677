import type * as Y from "yjs";
import { restoreArgument } from "../../lib/board/operations";
import { restoreComment } from "../../lib/board/comments";
import { topsFirst } from "../../lib/export/json-comments";
import { writeSession } from "../../lib/session/session";
import { parentsFirst } from "../../lib/export/board-export";
import { ImportedBoardSchema, type ImportedBoard, type ImportIssue } from "../../lib/export/imported-board";
import { ParleyError } from "../../lib/errors/errors";
import type { BoardRecord, BoardStore, VoteRecord } from "../persistence/board-store";
import { buildBoardDoc, storeNewBoard } from "./create-board";

/**
 * Creates a new board from an imported file's content. Every argument is checked with the model's
 * rules (quotes must be in the source) while the board's document is built, before anything is
 * stored; if any fails, all failures are thrown together as one `invalid-content` error
 * (`details.errors`) and nothing is created.
 */
export async function importBoard(store: BoardStore, imported: ImportedBoard): Promise<BoardRecord> {
  return storeImportedBoard(store, buildImportedBoard(imported));
}

/** An imported board with its document built, ready to store: what the render pool hands back. */
export interface BuiltImport {
  title: string;
  source: ImportedBoard["source"];
  votes: VoteRecord[];
  initialUpdate: Uint8Array;
}

/**
 * Checks an imported board and builds its document (no I/O, so it runs in the render pool: restoring
 * 1,000 arguments held the event loop for ~1 s). Throws invalid-content listing every problem.
 */
export function buildImportedBoard(imported: ImportedBoard): BuiltImport {
  const parsed = ImportedBoardSchema.safeParse(imported);
  if (!parsed.success) {
    const errors: ImportIssue[] = parsed.error.issues.map((i) => ({ message: `${i.path.join(".")}: ${i.message}` }));
    throw new ParleyError("invalid-content", errors[0].message, { errors });
  }
  const board = parsed.data;
  const initialUpdate = buildBoardDoc({
    title: board.title,
    source: board.source,
    positions: board.positions,
    // Whoever imports a map runs the new board.
    accessMode: "managed",
    fill: (doc) => {
      const errors = restoreAll(doc, board);
      if (errors.length > 0) throw new ParleyError("invalid-content", errors[0].message, { errors });
      // The file's teams, exactly (none for a board that had none), rather than the new board's defaults.
      writeSession(doc, {
        teams: board.teams.map(({ memberIds: _members, ...team }) => team),
        assignments: Object.fromEntries(board.teams.flatMap((team) => team.memberIds.map((memberId) => [memberId, team.id]))),
      });
    },
  });
  const votes = board.votes.map((v) => ({ ...v, at: new Date(Number.isNaN(Date.parse(v.at)) ? Date.now() : Date.parse(v.at)) }));
  return { title: board.title, source: board.source, votes, initialUpdate };
}

/** Stores a board buildImportedBoard made, as a managed board. */
export function storeImportedBoard(store: BoardStore, built: BuiltImport): Promise<BoardRecord> {
  return storeNewBoard(store, { title: built.title, source: built.source, accessMode: "managed", votes: built.votes }, built.initialUpdate);
}

/** Restores every argument into `doc`, parents first (mutates `doc`); returns what failed. */
function restoreAll(doc: Y.Doc, board: ImportedBoard): ImportIssue[] {
  const errors: ImportIssue[] = [];
  for (const argument of parentsFirst(board.arguments)) {
    const restored = restoreArgument(doc, board.source.text, argument);
    if (!restored.ok) errors.push({ message: `Argument "${argument.id}": ${restored.error.message}` });
  }
  for (const comment of topsFirst(board.comments)) {
    const restored = restoreComment(doc, comment);
    if (!restored.ok) errors.push({ message: `Comment "${comment.id}": ${restored.error.message}` });
  }
  return errors;
}
