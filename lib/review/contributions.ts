import * as Y from "yjs";
import type { BoardState } from "../board/doc";
import { readSession } from "../session/session";
import { csvDocument } from "../export/csv";
import { mergeActivity, voteActivity, type ActivityEvent } from "./activity";
import type { ReviewHistory, ReviewMember } from "./history";
import { replayHistory, stateAtStep } from "./replay";

/**
 * Per-participant contribution summary, for grading after class.
 *
 * Counting rules (each pinned by tests/unit/review-contributions.test.ts):
 * - arguments, rebuttals, supports and quotes count what is on the *final* board: something deleted
 *   during the session earns nothing, and a quote counts once however often it was added and removed.
 * - an argument belongs to the member whose update created it (the server recorded who sent it), not
 *   to the name written on it; the written authorId is the fallback for content the server itself wrote.
 * - arguments = top-level (answering a position); rebuttals = replies against; supports = replies for.
 * - votes = arguments the member rated; changing a rating does not count twice.
 * - edits = edit events (text or stance changed), on anyone's argument.
 * - first/last activity span every event of theirs, ratings included.
 * Guests without a member place (open boards) have no row: their names cannot be verified.
 */
export interface ContributionRow {
  memberId: string;
  role: string;
  arguments: number;
  rebuttals: number;
  supports: number;
  quotes: number;
  votes: number;
  edits: number;
  firstActivity: number | null;
  lastActivity: number | null;
}

export interface ContributionInput {
  /** The board at the end of the session. */
  state: BoardState;
  /** Board events and ratings (lib/review/activity.ts). */
  activity: readonly ActivityEvent[];
  members: readonly ReviewMember[];
}

/** One row per member, in the order of `members`. Pure. */
export function summarizeContributions({ state, activity, members }: ContributionInput): ContributionRow[] {
  const rows = new Map<string, ContributionRow>(
    members.map((m) => [
      m.id,
      { memberId: m.id, role: m.role, arguments: 0, rebuttals: 0, supports: 0, quotes: 0, votes: 0, edits: 0, firstActivity: null, lastActivity: null },
    ]),
  );
  const creator = new Map<string, string | null>();
  const rated = new Map<string, Set<string>>();
  for (const event of activity) {
    const row = event.memberId === null ? undefined : rows.get(event.memberId);
    if (event.kind === "added" && !creator.has(event.argumentId)) creator.set(event.argumentId, event.memberId);
    if (!row) continue;
    row.firstActivity = Math.min(row.firstActivity ?? event.at, event.at);
    row.lastActivity = Math.max(row.lastActivity ?? event.at, event.at);
    if (event.kind === "edited") row.edits++;
    if (event.kind === "voted") rated.set(row.memberId, (rated.get(row.memberId) ?? new Set()).add(event.argumentId));
  }
  for (const [memberId, argumentIds] of rated) rows.get(memberId)!.votes = argumentIds.size;

  const positionIds = new Set(state.positions.map((p) => p.id));
  for (const arg of state.arguments) {
    const row = rows.get(creator.get(arg.id) ?? arg.authorId);
    if (!row) continue;
    if (positionIds.has(arg.parentId)) row.arguments++;
    else if (arg.stance === "against") row.rebuttals++;
    else row.supports++;
    row.quotes += arg.quotes.length;
  }
  return [...rows.values()];
}

/** Replays a whole history and summarizes it: what the CSV download and the review table show. */
export function contributionsFromHistory(history: ReviewHistory): ContributionRow[] {
  const replay = replayHistory(history.updates);
  const activity = mergeActivity(replay.activity, voteActivity(history.votes, replay.latest));
  return summarizeContributions({ state: stateAtStep(replay, replay.steps.length - 1), activity, members: history.members });
}

/** Column names, in order. Lower-case first column: a file starting with "ID" makes Excel expect SYLK. */
export const CONTRIBUTION_COLUMNS = [
  "member",
  "role",
  "team",
  "arguments",
  "rebuttals",
  "supports",
  "quotes",
  "votes",
  "edits",
  "first_activity",
  "last_activity",
  "member_id",
] as const;

/**
 * The summary as CSV in lib/export/csv.ts's dialect (RFC 4180, UTF-8 BOM, formula-injection guard on
 * every cell: a display name like "=cmd|…" arrives in the spreadsheet as text). Times are ISO 8601 UTC.
 * `teamNames` gives each member's team (see teamNamesAtEnd); empty for a member on no team.
 */
export function contributionsToCsv(rows: readonly ContributionRow[], memberNames: ReadonlyMap<string, string>, teamNames: ReadonlyMap<string, string> = new Map()): string {
  const time = (at: number | null) => (at === null ? "" : new Date(at).toISOString());
  return csvDocument([
    [...CONTRIBUTION_COLUMNS],
    ...rows.map((row) => [
      memberNames.get(row.memberId) ?? "",
      row.role,
      teamNames.get(row.memberId) ?? "",
      String(row.arguments),
      String(row.rebuttals),
      String(row.supports),
      String(row.quotes),
      String(row.votes),
      String(row.edits),
      time(row.firstActivity),
      time(row.lastActivity),
      row.memberId,
    ]),
  ]);
}

/** Each member's team name as the session ended (the last assignment counts), by member id. */
export function teamNamesAtEnd(history: ReviewHistory): Map<string, string> {
  const doc = new Y.Doc();
  try {
    for (const update of history.updates) Y.applyUpdate(doc, update.data);
    const session = readSession(doc);
    const names = new Map(session.teams.map((team) => [team.id, team.name]));
    return new Map(Object.entries(session.assignments).flatMap(([memberId, teamId]) => (names.has(teamId) ? [[memberId, names.get(teamId)!] as const] : [])));
  } finally {
    doc.destroy();
  }
}
