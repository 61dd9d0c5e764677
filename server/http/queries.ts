import type { BoardListing, BoardRecord, SourceDocumentRecord } from "../persistence/board-store";
import { isBoardId } from "../boards/read-access";
import { getAppContext } from "./context";
import type { BoardPageData, BoardSummary, SourceView } from "../../lib/views/board-views";

/**
 * What a board's pages may render on the server, where nobody's credentials are known (they live in
 * the browser): an open board in full; of a managed board nothing but its id, so the browser fetches
 * the rest from GET /api/boards/:id with its member token or link (see server/boards/read-access.ts).
 */
export type BoardPageLoad = { access: "public"; data: BoardPageData } | { access: "members"; boardId: string };

/** The board page's server data; null when there is no such board. */
export async function getBoardPageData(id: string): Promise<BoardPageLoad | null> {
  if (!isBoardId(id)) return null;
  const { store } = getAppContext();
  const board = await store.getBoard(id);
  if (!board) return null;
  if (board.accessMode !== "open") return { access: "members", boardId: board.id };
  const source = await store.getSourceDocument(board.sourceId);
  if (!source) return null;
  // An open board lets anyone in with its link alone, so its code is no secret on its own page.
  return { access: "public", data: { board: toSummary(board, source.title, { withJoinCode: true }), source: toSourceView(source) } };
}

/** The boards anyone may see listed: open ones only, and never with a join code. */
export async function listRecentBoards(limit: number): Promise<BoardSummary[]> {
  const boards = await getAppContext().store.listRecentBoards(limit, { accessMode: "open" });
  return boards.map((b: BoardListing) => toSummary(b, b.sourceTitle));
}

/**
 * A board as the browser sees it. The join code lets anyone in as a participant, so it is included
 * only when the caller has decided this reader may invite (`withJoinCode`).
 */
export function toSummary(board: BoardRecord, sourceTitle: string, { withJoinCode = false }: { withJoinCode?: boolean } = {}): BoardSummary {
  return {
    id: board.id,
    title: board.title,
    ...(withJoinCode ? { joinCode: board.joinCode } : {}),
    accessMode: board.accessMode === "managed" ? "managed" : "open",
    sourceTitle,
    createdAt: board.createdAt.toISOString(),
    updatedAt: board.updatedAt.toISOString(),
  };
}

export function toSourceView(source: SourceDocumentRecord): SourceView {
  return {
    id: source.id,
    title: source.title,
    publisher: source.publisher,
    publishedOn: source.publishedOn,
    language: source.language,
    text: source.text,
    sha256: source.sha256,
  };
}
