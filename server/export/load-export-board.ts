import { readBoard } from "../../lib/board/doc";
import { readComments } from "../../lib/board/comments";
import { readSession } from "../../lib/session/session";
import { readSourceRevision } from "../../lib/revisions/source-revision-meta";
import { computeResults } from "../../lib/session/votes";
import { makeExportBoard, type ExportBoard } from "../../lib/export/board-export";
import { docFromParts } from "../../lib/board/snapshot";
import { ParleyError } from "../../lib/errors/errors";
import type * as Y from "yjs";
import type { BoardStore, VoteRecord } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";

/**
 * What an export needs from the database, read on the event loop (it is I/O): the board's record, its
 * source, its stored document as parts (snapshot and log) and its ballots. Everything that walks the
 * document (exportBoardFromInputs) can then run in the render pool: on a 1,000-argument board decoding
 * and reading the document alone held the loop for 0.3–0.6 s.
 */
export interface ExportInputs {
  board: ExportBoard["board"];
  source: ExportBoard["source"];
  /** The stored document: every committed update, so every edit anyone has been acknowledged or shown. */
  parts: Uint8Array[];
  /** Every ballot: whether the results are revealed is only known once the document is read. */
  ballots: VoteRecord[];
  /** Individual ballots go into the export (facilitators and the command line only). */
  includeVotes: boolean;
}

/** Reads what exportBoardFromInputs needs; throws board-not-found. Only database reads, no document work. */
export async function readExportInputs(store: BoardStore, boardId: string, options: { includeVotes?: boolean } = {}): Promise<ExportInputs> {
  const board = await store.getBoard(boardId);
  if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  const source = await store.getSourceDocument(board.sourceId);
  if (!source) throw new ParleyError("internal", `Board "${boardId}" has lost its source document.`);
  const [state, ballots] = await Promise.all([store.loadBoardState(boardId), store.listVotes(boardId)]);
  return {
    board: { id: board.id, title: board.title, createdAt: board.createdAt.toISOString(), updatedAt: board.updatedAt.toISOString() },
    source: { title: source.title, publisher: source.publisher, publishedOn: source.publishedOn, language: source.language, text: source.text, sha256: source.sha256 },
    parts: state.parts,
    ballots,
    includeVotes: options.includeVotes ?? false,
  };
}

/** The export board from what readExportInputs read: pure, so the render pool's worker can build it. */
export function exportBoardFromInputs(inputs: ExportInputs): ExportBoard {
  const doc = docFromParts(inputs.parts);
  try {
    return exportBoardFromDoc(doc, inputs.board, inputs.source, inputs.ballots, inputs.includeVotes);
  } finally {
    doc.destroy();
  }
}

/**
 * A board as it stands right now, ready for any export format, built on the calling thread: from the
 * live room when someone is on the board, else from the store. The HTTP API builds it in the render
 * pool instead (export-service.ts); this is for tests and tools that want the board itself.
 */
export async function loadExportBoard(store: BoardStore, boardId: string, rooms?: RoomManager, options: { includeVotes?: boolean } = {}): Promise<ExportBoard> {
  const inputs = await readExportInputs(store, boardId, options);
  const room = rooms ? await rooms.peek(boardId) : null;
  if (!room) return exportBoardFromInputs(inputs);
  return exportBoardFromDoc(room.doc, inputs.board, inputs.source, inputs.ballots, inputs.includeVotes);
}

function exportBoardFromDoc(doc: Y.Doc, board: ExportBoard["board"], source: ExportBoard["source"], ballots: VoteRecord[], includeVotes: boolean): ExportBoard {
  const state = readBoard(doc);
  const session = readSession(doc);
  const sourceRevision = readSourceRevision(doc);
  const comments = readComments(doc, new Set(state.arguments.map((a) => a.id)));
  const teams = session.teams.map((team) => ({
    ...team,
    memberIds: Object.entries(session.assignments).filter(([, teamId]) => teamId === team.id).map(([memberId]) => memberId),
  }));
  // Ballots are blind: only an export made for a facilitator (or the operator's command line) carries them.
  // The results go into every export once revealed, and into none before, a facilitator's included:
  // a handout printed early must not show what the class has not been shown.
  const revealed = session.voting.revealed;
  const votes = includeVotes ? ballots.map((v) => ({ ...v, at: v.at.toISOString() })) : [];
  const results = revealed
    ? computeResults(state.arguments, state.positions, session.teams, session.assignments, ballots.map((v) => ({ ...v, at: v.at.getTime() })))
    : null;
  const exported = makeExportBoard(board, source, state, { teams, votes, comments, results: results && { tallies: results.tallies, sides: results.sides, teams: results.teams } });
  return { ...exported, sourceRevision };
}
