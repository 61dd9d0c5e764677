import { readArgument, readPositions } from "../../lib/board/doc";
import { restoreArgument, contextFor } from "../../lib/board/operations";
import { ArgumentSchema } from "../../lib/board/argument";
import { validateArgumentRecord, type ModelResult } from "../../lib/board/validate";
import { parentsFirst } from "../../lib/export/board-export";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import type { CommandAck } from "../../lib/protocol/protocol";
import { applySessionCommand, CommandSchema, FACILITATOR_COMMANDS, SESSION_COMMANDS, type Command } from "../../lib/session/commands";
import { expectedSignature } from "../../lib/board/permissions";
import { closedReason, currentPhase, readSession, writeSession } from "../../lib/session/session";
import { sideRefusal } from "../../lib/session/sides";
import type { BoardStore } from "../persistence/board-store";
import { sendDrafts, sendVotes, tallyVotesSoon } from "./audience";
import type { BoardRoom, RoomStep } from "./board-room";
import type { Connection } from "./connection";
import { announcePersonalDrafts, keepUncitedAsPersonal, savePersonalDraft, teamDraftsOf } from "./personal-drafts";

export interface CommandOptions {
  /** Votes within this long of each other reach everyone as one tally (PARLEY_VOTE_TALLY_DEBOUNCE_MS). */
  tallyDelayMs?: number;
}

const DEFAULT_TALLY_DELAY_MS = 150;

/**
 * Every save re-reads and re-sends all of a board's drafts, so their number is bounded: a team
 * drafts a handful of arguments before the reveal, never hundreds.
 */
export const MAX_DRAFTS_PER_MEMBER = 50;
export const MAX_DRAFTS_PER_BOARD = 1_000;

/**
 * Carries out one command from a connection, after checking the sender's role on this very message.
 * Session commands change the board document through the room (saved, then broadcast); votes and
 * drafts go to the database and out to the people allowed to see them.
 *
 * The whole command is one step of the room's queue, ordered with the sync messages: the session it
 * checks (phase, lock, the argument voted on) is the session it acts on, so a vote sent just after
 * "close voting" is refused. Once its change is stored the command answers ok, even if telling the
 * room about it (sendVotes/sendDrafts) then fails: that failure is logged, not reported as a refusal.
 */
export async function handleCommand(room: BoardRoom, store: BoardStore, connection: Connection, raw: unknown, options: CommandOptions = {}): Promise<CommandAck> {
  try {
    const parsed = CommandSchema.safeParse(raw);
    if (!parsed.success) throw new ParleyError("bad-request", `Not a command Parley knows: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
    const command = parsed.data;
    const { actor } = connection;
    if (actor.role === "observer") throw new ParleyError("forbidden", "Observers can follow the board but not act on it.");
    if (FACILITATOR_COMMANDS.has(command.type) && actor.role !== "facilitator") throw new ParleyError("forbidden", "Only a facilitator can do that.");
    await room.exclusive(`command ${command.type}`, async (step) => {
      const session = readSession(room.doc);
      if (session.settings.locked && actor.role !== "facilitator") throw new ParleyError("forbidden", "The facilitator has locked the board.");
      const closed = closedReason(session);
      if (closed && actor.role !== "facilitator") throw new ParleyError("forbidden", closed);

      if (SESSION_COMMANDS.has(command.type)) {
        await expect(step.change(actor.memberId, (doc) => applySessionCommand(doc, command, actor, Date.now())));
        if (command.type === "reveal-votes" || command.type === "assign-team" || command.type === "pick-team" || command.type === "set-teams") {
          await announce(room, "votes", () => sendVotes(room, store));
          await announce(room, "drafts", () => sendDrafts(room, store));
        }
      } else if (command.type === "vote") {
        await castVote(room, store, connection, command, options.tallyDelayMs ?? DEFAULT_TALLY_DELAY_MS);
      } else if (command.type === "save-draft") {
        await saveDraft(room, store, connection, command.argument);
      } else if (command.type === "save-personal-draft") {
        await savePersonalDraft(room, store, connection, command.argument, MAX_DRAFTS_PER_BOARD);
        await announce(room, "personal drafts", () => announcePersonalDrafts(room, store, actor.memberId));
      } else if (command.type === "delete-draft") {
        await deleteDraft(room, store, connection, command.id);
      } else if (command.type === "reveal-drafts") {
        await revealDrafts(room, store, actor.memberId, step);
      }
    });
    return { ok: true, serverTime: Date.now() };
  } catch (error) {
    return { ok: false, ...toErrorPayload(error) };
  }
}

async function castVote(room: BoardRoom, store: BoardStore, connection: Connection, command: Extract<Command, { type: "vote" }>, tallyDelayMs: number): Promise<void> {
  const { memberId } = connection.actor;
  if (!memberId) throw new ParleyError("forbidden", "Join the board with your name to vote.");
  if (currentPhase(readSession(room.doc))?.rule === "closed") throw new ParleyError("forbidden", "Voting is closed.");
  if (!readArgument(room.doc, command.argumentId)) throw new ParleyError("invalid-content", "That argument no longer exists.");
  // A rating left out of the command keeps its earlier value, null clears it: the store merges both in
  // one statement, so two quick clicks on the two ratings cannot overwrite each other.
  await store.castVote(room.boardId, { argumentId: command.argumentId, memberId, strength: command.strength, quoteSupport: command.quoteSupport });
  // Acknowledged once stored; the tally follows, coalesced with everyone else's votes.
  tallyVotesSoon(room, store, tallyDelayMs);
}

async function saveDraft(room: BoardRoom, store: BoardStore, connection: Connection, candidate: unknown): Promise<void> {
  const { memberId, role } = connection.actor;
  const session = readSession(room.doc);
  if (!memberId) throw new ParleyError("forbidden", "Join the board with your name to draft.");
  if (!session.settings.privateDrafting || currentPhase(session)?.rule !== "drafting") throw new ParleyError("forbidden", "Private drafting is not on right now.");
  const teamId = session.assignments[memberId];
  if (!teamId && role !== "facilitator") throw new ParleyError("forbidden", "Join a team before drafting.");
  const argument = ArgumentSchema.parse(candidate);
  const drafts = await store.listDrafts(room.boardId);
  const existing = drafts.find((d) => d.id === argument.id);
  if (existing?.personal) throw new ParleyError("forbidden", "That draft is someone else's.");
  if (!existing && drafts.filter((d) => d.memberId === memberId).length >= MAX_DRAFTS_PER_MEMBER) {
    throw new ParleyError("invalid-content", `You have ${MAX_DRAFTS_PER_MEMBER} drafts already: post or delete some first.`);
  }
  if (!existing && drafts.length >= MAX_DRAFTS_PER_BOARD) throw new ParleyError("invalid-content", `This board holds ${MAX_DRAFTS_PER_BOARD} drafts already: reveal or delete some first.`);
  // A facilitator polishing someone's draft keeps that person's signature; everyone else signs as themselves.
  const signature = existing && existing.memberId !== memberId ? authorNameOf(existing.record) : expectedSignature(connection.actor, session);
  if (signature !== null && argument.authorName !== signature) throw new ParleyError("forbidden", `Sign this draft as "${signature}".`);
  if (existing && existing.memberId !== memberId && role !== "facilitator") throw new ParleyError("forbidden", "That draft is someone else's.");
  // A draft is revealed under its authorId: it must stay the id of the member who wrote it, whoever re-saves it.
  const author = existing?.memberId ?? memberId;
  if (argument.authorId !== author) throw new ParleyError("forbidden", existing ? "A draft keeps its author's id." : "A draft must carry your own member id.");
  if (readArgument(room.doc, argument.id)) throw new ParleyError("invalid-content", "That argument is already on the board.");
  // A draft may answer the board or another of its team's drafts (the reveal places parents first).
  const teamDrafts = new Map(
    drafts.filter((d) => d.teamId === (existing?.teamId ?? teamId)).flatMap((d) => {
      const parsed = ArgumentSchema.safeParse(d.record);
      return parsed.success ? [[parsed.data.id, parsed.data] as const] : [];
    }),
  );
  const board = contextFor(room.doc, room.sourceText);
  const checked = validateArgumentRecord(argument, { ...board, getArgument: (id) => board.getArgument(id) ?? teamDrafts.get(id) ?? null });
  if (!checked.ok) throw new ParleyError("invalid-content", checked.error.message, checked.error);
  const sides = sideRefusal(connection.actor, session, checked.value, (id) => board.getArgument(id) ?? teamDrafts.get(id) ?? null, readPositions(room.doc));
  if (sides) throw new ParleyError("forbidden", sides, { argumentId: argument.id });
  await store.saveDraft({ id: argument.id, boardId: room.boardId, teamId: existing?.teamId ?? teamId ?? "facilitators", memberId: existing?.memberId ?? memberId, record: checked.value });
  await announce(room, "drafts", () => sendDrafts(room, store));
}

function authorNameOf(record: unknown): string | null {
  const parsed = ArgumentSchema.safeParse(record);
  return parsed.success ? parsed.data.authorName : null;
}

async function deleteDraft(room: BoardRoom, store: BoardStore, connection: Connection, id: string): Promise<void> {
  const draft = (await store.listDrafts(room.boardId)).find((d) => d.id === id);
  if (!draft) return;
  // A personal draft is its author's alone: not even a facilitator may touch it.
  if (draft.memberId !== connection.actor.memberId && (connection.actor.role !== "facilitator" || draft.personal)) throw new ParleyError("forbidden", "That draft is someone else's.");
  await store.deleteDrafts(room.boardId, [id]);
  await announce(room, "drafts", () => sendDrafts(room, store));
}

/**
 * Puts every team's drafts on the board, then clears them. Each draft is saved as its own update in
 * its author's name, so the replay and the contribution summary credit the student, not the
 * facilitator who pressed Reveal. Drafts that no longer fit (their parent was deleted) stay as drafts
 * and are reported.
 */
async function revealDrafts(room: BoardRoom, store: BoardStore, memberId: string | null, step: RoomStep): Promise<void> {
  // On a mustCite board a quoteless team draft goes back to its author as a personal draft, not onto the board.
  const drafts = await keepUncitedAsPersonal(room, store, teamDraftsOf(await store.listDrafts(room.boardId)));
  const authors = new Map(drafts.map((d) => [d.id, d.memberId]));
  const records = drafts.flatMap((d) => {
    const parsed = ArgumentSchema.safeParse(d.record);
    return parsed.success ? [parsed.data] : [];
  });
  const placed: string[] = [];
  try {
    for (const record of parentsFirst(records)) {
      // Already on the board: an earlier reveal stored it but failed before clearing the draft.
      if (readArgument(room.doc, record.id)) placed.push(record.id);
      else if ((await step.change(authors.get(record.id) ?? memberId, (doc) => restoreArgument(doc, room.sourceText, record))).ok) placed.push(record.id);
    }
  } catch (error) {
    // Some drafts are stored on the board: say so rather than deny the whole reveal, and clear them.
    if (placed.length === 0) throw error;
    await store.deleteDrafts(room.boardId, placed).catch(() => undefined);
    await announce(room, "drafts", () => sendDrafts(room, store));
    const code = ParleyError.is(error) ? error.code : "internal";
    throw new ParleyError(code, `${placed.length} drafts revealed before saving failed; reveal again for the other ${records.length - placed.length}.`);
  }
  await expect(step.change(memberId, (doc) => (writeSession(doc, { drafts: { revealedAt: Date.now() } }), { ok: true, value: null })));
  await store.deleteDrafts(room.boardId, placed);
  await announce(room, "drafts", () => sendDrafts(room, store));
  const kept = drafts.length - placed.length;
  if (kept > 0) throw new ParleyError("invalid-content", `${placed.length} drafts revealed; ${kept} no longer fit the board (their parent was deleted) and stay as drafts.`);
}

/** Sends what changed to the people allowed to see it; a failure is logged, since the change itself is already stored. */
async function announce(room: BoardRoom, what: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    room.logFailure(`sending the ${what} after a stored change`, error);
  }
}

async function expect<T>(result: Promise<ModelResult<T>>): Promise<T> {
  const outcome = await result;
  if (!outcome.ok) throw new ParleyError("invalid-content", outcome.error.message, outcome.error);
  return outcome.value;
}
