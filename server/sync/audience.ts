import { readArguments, readPositions } from "../../lib/board/doc";
import { readProtectedParts } from "../../lib/board/protected-reads";
import { computeResults, type Ballot } from "../../lib/session/votes";
import { EVENTS } from "../../lib/protocol/protocol";
import type { BoardStore } from "../persistence/board-store";
import type { BoardRoom } from "./board-room";
import type { Connection } from "./connection";
import { sendPersonalDrafts, teamDraftsOf } from "./personal-drafts";

/**
 * What each person may see of the data kept outside the shared document: votes (blind until the
 * facilitator reveals them), a team's private drafts, and the roster of real names. Every send here
 * is filtered by the receiving connection's role, member id and team.
 */
export async function sendVotes(room: BoardRoom, store: BoardStore, only?: readonly Connection[]): Promise<void> {
  const recipients = only ?? [...room.connections.values()];
  const sees = (connection: Connection, revealed: boolean) => revealed || connection.actor.role === "facilitator";
  const anyoneSees = (revealed: boolean) => recipients.some((connection) => sees(connection, revealed));
  const votes = await store.listVotes(room.boardId);
  // While the results are hidden from everyone here, neither the vote history nor the results are worked
  // out. The session is read again after each wait: a reveal meanwhile fetches the history after all.
  // Read through the parsed-once cache (protected-reads.ts): every round of newcomers reads it.
  let history: Awaited<ReturnType<BoardStore["listVoteEvents"]>> | null = null;
  let session = readProtectedParts(room.doc).session;
  while (history === null && anyoneSees(session.voting.revealed)) {
    history = await store.listVoteEvents(room.boardId);
    session = readProtectedParts(room.doc).session;
  }
  const { revealed } = session.voting;
  const ballots: Ballot[] = votes.map((v) => ({ ...v, at: v.at.getTime() }));
  const events: Ballot[] | null = history && history.map((v) => ({ ...v, at: v.at.getTime() }));
  const results = events && computeResults(readArguments(room.doc), readPositions(room.doc), session.teams, session.assignments, events);
  for (const connection of recipients) {
    const facilitator = connection.actor.role === "facilitator";
    const mine = ballots.filter((b) => b.memberId === connection.actor.memberId);
    connection.sendEvent(EVENTS.votes, { revealed, mine, results: sees(connection, revealed) ? results : null, ballots: facilitator ? ballots.length : undefined });
  }
}

interface PendingTally {
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  /** A vote was stored while the tally was being read: it may have missed it, so run once more. */
  dirty: boolean;
}
const tallies = new WeakMap<BoardRoom, PendingTally>();

/**
 * Sends everyone the votes view `delayMs` from now, once for all votes cast in the meantime: a class
 * voting at once costs one tally per window, not one read of every ballot per click. The tally reads
 * the rows when it runs, so it includes every vote stored before then.
 */
export function tallyVotesSoon(room: BoardRoom, store: BoardStore, delayMs: number): void {
  let tally = tallies.get(room);
  if (!tally) tallies.set(room, (tally = { timer: null, running: false, dirty: false }));
  if (tally.timer) return;
  if (tally.running) return void (tally.dirty = true);
  const pending = tally;
  pending.timer = setTimeout(async () => {
    pending.timer = null;
    pending.running = true;
    try {
      await sendVotes(room, store);
    } catch {
      // The database is down: the next vote (or the next join) sends the tally again.
    } finally {
      pending.running = false;
      if (pending.dirty) {
        pending.dirty = false;
        tallyVotesSoon(room, store, delayMs);
      }
    }
  }, delayMs);
  pending.timer.unref?.();
}

export async function sendDrafts(room: BoardRoom, store: BoardStore, only?: readonly Connection[]): Promise<void> {
  const all = await store.listDrafts(room.boardId);
  const drafts = teamDraftsOf(all);
  const { session } = readProtectedParts(room.doc);
  for (const connection of only ?? room.connections.values()) {
    const { role, memberId } = connection.actor;
    const team = memberId ? session.assignments[memberId] : undefined;
    const visible = role === "facilitator" ? drafts : drafts.filter((d) => team !== undefined && d.teamId === team);
    connection.sendEvent(EVENTS.drafts, { drafts: visible.map((d) => ({ id: d.id, teamId: d.teamId, memberId: d.memberId, argument: d.record })) });
    sendPersonalDrafts(connection, all);
  }
}

/** Real names, roles and teams of everyone who joined: facilitators only (anonymous boards hide names). */
export async function sendRoster(room: BoardRoom, store: BoardStore, only?: readonly Connection[]): Promise<void> {
  const facilitators = [...(only ?? room.connections.values())].filter((connection) => connection.actor.role === "facilitator");
  // A class joining with no facilitator connected reads no member list (scaled out, nothing caches it).
  if (facilitators.length === 0) return;
  const members = await store.listMembers(room.boardId);
  const roster = members.filter((m) => !m.removedAt).map((m) => ({ id: m.id, displayName: m.displayName, role: m.role }));
  for (const connection of facilitators) connection.sendEvent(EVENTS.roster, { members: roster });
}

interface Welcomes {
  waiting: Connection[];
  running: boolean;
}
const welcomes = new WeakMap<BoardRoom, Welcomes>();

/**
 * What a newcomer may see (their votes, their team's drafts) and, to facilitators, the roster with
 * them on it. Joins that arrive while one round of these reads runs share the next round: a class
 * joining at once costs a few reads of the votes, drafts and members, not one each per person, and
 * facilitators get a few rosters rather than one per newcomer. Every round reads after its newcomers
 * joined, so it holds everything stored before they did; what is stored later reaches them with
 * everyone else. Never rejects (a failed read is the next change's to repair, as for a tally).
 */
export function welcomeSoon(room: BoardRoom, store: BoardStore, connection: Connection): Promise<void> {
  let pending = welcomes.get(room);
  if (!pending) welcomes.set(room, (pending = { waiting: [], running: false }));
  pending.waiting.push(connection);
  return pending.running ? Promise.resolve() : welcomeWaiting(room, store, pending);
}

async function welcomeWaiting(room: BoardRoom, store: BoardStore, pending: Welcomes): Promise<void> {
  pending.running = true;
  try {
    // A cold board's first joiners are in before its document is built; their views read the session.
    if (!room.isBuilt) await room.built.catch(() => undefined);
    while (pending.waiting.length > 0) {
      // Someone who left while waiting is no longer anyone's business.
      const newcomers = pending.waiting.splice(0).filter((connection) => room.connections.get(connection.id) === connection);
      if (newcomers.length === 0) continue;
      await Promise.all([sendVotes(room, store, newcomers), sendDrafts(room, store, newcomers), sendRoster(room, store)]).catch(() => undefined);
    }
  } finally {
    pending.running = false;
  }
}
