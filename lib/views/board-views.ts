/**
 * Shapes the HTTP API and the pages hand to the browser (dates as ISO strings). They live in lib/ so
 * server/http builds them and components/ read them without the browser importing server code.
 */

/** A board as a list or a page shows it. */
export interface BoardSummary {
  id: string;
  title: string;
  /** Present only for those who may invite (facilitators): the code lets anyone in as a participant. */
  joinCode?: string;
  /** "open": anyone with the link takes part; "managed": invites and a facilitator's rules. */
  accessMode: "open" | "managed";
  sourceTitle: string;
  createdAt: string;
  updatedAt: string;
}

export interface SourceView {
  id: string;
  title: string;
  publisher: string | null;
  /** ISO date (YYYY-MM-DD) as the publisher gives it. */
  publishedOn: string | null;
  language: string;
  text: string;
  sha256: string;
}

export interface BoardPageData {
  board: BoardSummary;
  source: SourceView;
}

/** GET /api/boards/:id: the board as this reader may see it, with their role (null: a guest on an open board). */
export interface BoardReadView {
  board: BoardSummary;
  role: "facilitator" | "participant" | "observer" | null;
  /** With `?include=source`. */
  source?: SourceView;
}
