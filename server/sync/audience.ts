import { readArguments, readPositions } from "../../lib/board/doc";
import { readSession } from "../../lib/session/session";
import { computeResults, type Ballot } from "../../lib/session/votes";
import { EVENTS } from "../../lib/protocol/protocol";
import type { BoardStore } from "../persistence/board-store";
import type { BoardRoom } from "./board-room";
import type { Connection } from "./connection";

/**
 * What each person may see of the data kept outside the shared document: votes (blind until the
 * facilitator reveals them), a team's private drafts, and the roster of real names. Every send here
 * is filtered by the receiving connection's role, member id and team.
 */
export async function sendVotes(room: BoardRoom, store: BoardStore, only?: Connection): Promise<void> {
  const receivers = only ? [only] : [...room.connections.values()];
  const ballots: Ballot[] = (await store.listVotes(room.boardId)).map((v) => ({ ...v, at: v.at.getTime() }));
  const session = readSession(room.doc);
  const seesResults = (connection: Connection) => connection.actor.role === "facilitator" || session.voting.revealed;
  // While results are hidden, a participant's join reads no vote history and computes nothing.
  const results = receivers.some(seesResults) ? await readResults(room, store, session) : null;
  for (const connection of receivers) {
    const facilitator = connection.actor.role === "facilitator";
    const mine = ballots.filter((b) => b.memberId === connection.actor.memberId);
    connection.sendEvent(EVENTS.votes, { revealed: session.voting.revealed, mine, results: seesResults(connection) ? results : null, ballots: facilitator ? ballots.length : undefined });
  }
}

async function readResults(room: BoardRoom, store: BoardStore, session: ReturnType<typeof readSession>) {
  const events: Ballot[] = (await store.listVoteEvents(room.boardId)).map((v) => ({ ...v, at: v.at.getTime() }));
  return computeResults(readArguments(room.doc), readPositions(room.doc), session.teams, session.assignments, events);
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

export async function sendDrafts(room: BoardRoom, store: BoardStore, only?: Connection): Promise<void> {
  const drafts = await store.listDrafts(room.boardId);
  const session = readSession(room.doc);
  for (const connection of only ? [only] : room.connections.values()) {
    const { role, memberId } = connection.actor;
    const team = memberId ? session.assignments[memberId] : undefined;
    const visible = role === "facilitator" ? drafts : drafts.filter((d) => team !== undefined && d.teamId === team);
    connection.sendEvent(EVENTS.drafts, { drafts: visible.map((d) => ({ id: d.id, teamId: d.teamId, memberId: d.memberId, argument: d.record })) });
  }
}

/** Real names, roles and teams of everyone who joined: facilitators only (anonymous boards hide names). */
export async function sendRoster(room: BoardRoom, store: BoardStore, only?: Connection): Promise<void> {
  const members = await store.listMembers(room.boardId);
  const roster = members.filter((m) => !m.removedAt).map((m) => ({ id: m.id, displayName: m.displayName, role: m.role }));
  for (const connection of only ? [only] : room.connections.values()) {
    if (connection.actor.role === "facilitator") connection.sendEvent(EVENTS.roster, { members: roster });
  }
}
