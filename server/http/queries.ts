import type { BoardListing, BoardRecord } from "../persistence/board-store";
import { getAppContext } from "./context";
import type { BoardPageData, BoardSummary } from "./types";

/** The board page's server data; null when there is no such board. */
export async function getBoardPageData(id: string): Promise<BoardPageData | null> {
  const { store } = getAppContext();
  const board = await store.getBoard(id);
  if (!board) return null;
  const source = await store.getSourceDocument(board.sourceId);
  if (!source) return null;
  return {
    board: toSummary(board, source.title),
    source: {
      id: source.id,
      title: source.title,
      publisher: source.publisher,
      publishedOn: source.publishedOn,
      language: source.language,
      text: source.text,
      sha256: source.sha256,
    },
  };
}

export async function listRecentBoards(limit: number): Promise<BoardSummary[]> {
  const boards = await getAppContext().store.listRecentBoards(limit);
  return boards.map((b: BoardListing) => toSummary(b, b.sourceTitle));
}

export function toSummary(board: BoardRecord, sourceTitle: string): BoardSummary {
  return {
    id: board.id,
    title: board.title,
    joinCode: board.joinCode,
    accessMode: board.accessMode === "managed" ? "managed" : "open",
    sourceTitle,
    createdAt: board.createdAt.toISOString(),
    updatedAt: board.updatedAt.toISOString(),
  };
}
