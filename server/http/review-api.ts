import { contributionsFromHistory, contributionsToCsv, teamNamesAtEnd } from "../../lib/review/contributions";
import { encodeHistory, fromStoredHistory, type ReviewHistory } from "../../lib/review/history";
import { requireFacilitator } from "../boards/join-board";
import type { BoardStore } from "../persistence/board-store";
import { getAppContext } from "./context";
import { bearer, errorResponse, json } from "./respond";

/**
 * The after-class review: the session's full history for the replay, and the contribution summary as
 * CSV. Facilitators only — the history names every member, even on a board run anonymously.
 */

/** Never cached, never sent on as a Referer: both answers name people, and the CSV URL may hold a token. */
const PRIVATE_HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/** GET /api/boards/:id/history (Authorization: Bearer <facilitator's memberToken>). */
export async function handleHistory(request: Request, boardId: string): Promise<Response> {
  try {
    const { store } = getAppContext();
    await requireFacilitator(store, boardId, bearer(request));
    return json(encodeHistory(await loadReviewHistory(store, boardId)), 200, PRIVATE_HEADERS);
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * GET /api/boards/:id/contributions.csv, authorised by a Bearer header or by `?token=`.
 * The query form exists because a plain download link (an <a href>, a link pasted into another tab
 * or a gradebook tool) cannot carry an Authorization header. A URL is more exposed than a header
 * (history, server logs), so the review screen itself downloads with the header, and this response
 * forbids caching and Referer leaks; the token grants nothing beyond what its facilitator already has.
 */
export async function handleContributionsCsv(request: Request, boardId: string): Promise<Response> {
  try {
    const { store } = getAppContext();
    const token = bearer(request) ?? (new URL(request.url).searchParams.get("token")?.trim() || null);
    await requireFacilitator(store, boardId, token);
    const history = await loadReviewHistory(store, boardId);
    const names = new Map(history.members.map((m) => [m.id, m.displayName]));
    const csv = contributionsToCsv(contributionsFromHistory(history), names, teamNamesAtEnd(history));
    return new Response(csv, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "content-disposition": `attachment; filename="${csvFileName(boardId)}"`,
        ...PRIVATE_HEADERS,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Everything the replay needs, read from the store; members sorted by name for a stable table. */
export async function loadReviewHistory(store: BoardStore, boardId: string): Promise<ReviewHistory> {
  const [entries, votes, members] = await Promise.all([store.loadHistory(boardId), store.listVoteEvents(boardId), store.listMembers(boardId)]);
  members.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  return fromStoredHistory({ entries, votes, members });
}

/** The board id is generated (letters and digits), but the header is built from it, so keep it to a safe set. */
function csvFileName(boardId: string): string {
  return `parley-${boardId.replace(/[^A-Za-z0-9_-]/g, "") || "board"}-contributions.csv`;
}

/** The member token from `Authorization: Bearer …` (the same reading as the members API). */
