import { readBoard } from "../../lib/board/doc";
import { readComments } from "../../lib/board/comments";
import { readSession } from "../../lib/session/session";
import { readSourceRevision } from "../../lib/revisions/source-revision-meta";
import { computeResults } from "../../lib/session/votes";
import { makeExportBoard, type ExportBoard } from "../../lib/export/board-export";
import { docFromParts } from "../../lib/board/snapshot";
import { ParleyError } from "../../lib/errors/errors";
import type { BoardStore } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";

/**
 * A board as it stands right now, ready for any export format: from the live room when someone is
 * on the board (it may hold updates a concurrent compaction has not folded yet), else from the store.
 */
export async function loadExportBoard(store: BoardStore, boardId: string, rooms?: RoomManager, options: { includeVotes?: boolean } = {}): Promise<ExportBoard> {
  const board = await store.getBoard(boardId);
  if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  const source = await store.getSourceDocument(board.sourceId);
  if (!source) throw new ParleyError("internal", `Board "${boardId}" has lost its source document.`);
  const room = rooms ? await rooms.peek(boardId) : null;
  const doc = room ? room.doc : docFromParts((await store.loadBoardState(boardId)).parts);
  const state = readBoard(doc);
  const session = readSession(doc);
  const sourceRevision = readSourceRevision(doc);
  const comments = readComments(doc, new Set(state.arguments.map((a) => a.id)));
  if (!room) doc.destroy();
  const teams = session.teams.map((team) => ({
    ...team,
    memberIds: Object.entries(session.assignments).filter(([, teamId]) => teamId === team.id).map(([memberId]) => memberId),
  }));
  // Ballots are blind: only an export made for a facilitator (or the operator's command line) carries them.
  // The results go into every export once revealed, and into none before, a facilitator's included:
  // a handout printed early must not show what the class has not been shown.
  const revealed = session.voting.revealed;
  const ballots = options.includeVotes || revealed ? await store.listVotes(boardId) : [];
  const votes = options.includeVotes ? ballots.map((v) => ({ ...v, at: v.at.toISOString() })) : [];
  const results = revealed
    ? computeResults(state.arguments, state.positions, session.teams, session.assignments, ballots.map((v) => ({ ...v, at: v.at.getTime() })))
    : null;
  const exported = makeExportBoard(
    { id: board.id, title: board.title, createdAt: board.createdAt.toISOString(), updatedAt: board.updatedAt.toISOString() },
    { title: source.title, publisher: source.publisher, publishedOn: source.publishedOn, language: source.language, text: source.text, sha256: source.sha256 },
    state,
    { teams, votes, comments, results: results && { tallies: results.tallies, sides: results.sides, teams: results.teams } },
  );
  return { ...exported, sourceRevision };
}
