import { z } from "zod";
import type * as Y from "yjs";
import { ArgumentSchema } from "../board/argument";
import { readArguments, readPositions } from "../board/doc";
import type { Actor } from "../board/roles";
import { fail, type ModelResult } from "../board/validate";
import { PhaseSchema, readSession, SettingsSchema, TeamSchema, teamPickRefusal, writeSession, type SessionState, type TeamPicks } from "./session";

/**
 * Everything a person can ask the server to do besides editing arguments: the facilitator's session
 * controls, picking a team, voting and private drafts. Sent as the `command` event (JSON); the server
 * checks the role, then carries it out. Session commands are pure over the board document (this
 * file); votes and drafts live in the database (server/sync/commands.ts).
 */
const Rating = z.number().int().min(1).max(5).nullable();

export const CommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("set-settings"), patch: SettingsSchema.partial() }),
  z.object({ type: z.literal("set-phases"), phases: z.array(PhaseSchema).max(12) }),
  z.object({ type: z.literal("start-phase"), phaseId: z.string().min(1).max(40) }),
  z.object({ type: z.literal("next-phase") }),
  z.object({ type: z.literal("pause-clock") }),
  z.object({ type: z.literal("resume-clock") }),
  z.object({ type: z.literal("stop-clock") }),
  z.object({ type: z.literal("set-spotlight"), argumentId: z.string().max(64).nullable() }),
  z.object({ type: z.literal("set-teams"), teams: z.array(TeamSchema).min(1).max(8) }),
  z.object({ type: z.literal("assign-team"), memberId: z.string().min(1).max(64), teamId: z.string().max(40).nullable() }),
  z.object({ type: z.literal("swap-sides") }),
  z.object({ type: z.literal("reveal-votes"), revealed: z.boolean() }),
  z.object({ type: z.literal("reveal-drafts") }),
  z.object({ type: z.literal("pick-team"), teamId: z.string().min(1).max(40) }),
  z.object({ type: z.literal("vote"), argumentId: z.string().min(1).max(64), strength: Rating.optional(), quoteSupport: Rating.optional() }),
  z.object({ type: z.literal("save-draft"), argument: ArgumentSchema }),
  z.object({ type: z.literal("delete-draft"), id: z.string().min(1).max(64) }),
  /** A quoteless argument kept for its author alone on a mustCite board (server/sync/personal-drafts.ts). */
  z.object({ type: z.literal("save-personal-draft"), argument: ArgumentSchema }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command["type"];

/** Commands only facilitators may give. */
export const FACILITATOR_COMMANDS: ReadonlySet<CommandType> = new Set([
  "set-settings",
  "set-phases",
  "start-phase",
  "next-phase",
  "pause-clock",
  "resume-clock",
  "stop-clock",
  "set-spotlight",
  "set-teams",
  "assign-team",
  "swap-sides",
  "reveal-votes",
  "reveal-drafts",
]);

/** Commands that change only the session root, carried out by {@link applySessionCommand}. */
export const SESSION_COMMANDS: ReadonlySet<CommandType> = new Set([...FACILITATOR_COMMANDS, "pick-team"].filter((c) => c !== "reveal-drafts") as CommandType[]);

/**
 * Carries out a session command on the board document (mutates `doc`), at server time `now`.
 * The caller has already checked the role against FACILITATOR_COMMANDS.
 */
export function applySessionCommand(doc: Y.Doc, command: Command, actor: Actor, now: number): ModelResult<SessionState> {
  const session = readSession(doc);
  const patch = sessionPatch(doc, session, command, actor, now);
  if (!patch.ok) return patch;
  writeSession(doc, patch.value);
  return { ok: true, value: readSession(doc) };
}

function sessionPatch(doc: Y.Doc, session: SessionState, command: Command, actor: Actor, now: number): ModelResult<Partial<SessionState>> {
  const ok = (value: Partial<SessionState>): ModelResult<Partial<SessionState>> => ({ ok: true, value });
  const { clock } = session;
  switch (command.type) {
    case "set-settings": {
      const next = { ...session.settings, ...command.patch };
      // Names already on the board cannot be taken back, so anonymity starts before the debate does.
      if (next.anonymous && !session.settings.anonymous && readArguments(doc).length > 0) {
        return fail("invalid-argument", "Anonymous mode can only be switched on before anyone has posted an argument.");
      }
      return ok({ settings: next });
    }
    case "set-phases":
      if (new Set(command.phases.map((p) => p.id)).size !== command.phases.length) return fail("invalid-argument", "Each phase needs its own id.");
      return ok({ phases: command.phases, clock: command.phases.some((p) => p.id === clock.phaseId) ? clock : stopped() });
    case "start-phase": {
      const phase = session.phases.find((p) => p.id === command.phaseId);
      if (!phase) return fail("invalid-argument", "There is no such phase.");
      const clock = { phaseId: phase.id, startedAt: now, durationMs: phase.durationSec === null ? null : phase.durationSec * 1000, pausedRemainingMs: null };
      const picks = picksOf(session);
      if (phase.rule !== "drafting" || picks.lockedAt !== null) return ok({ clock });
      return ok({ clock, teamPicks: { ...picks, lockedAt: now } });
    }
    case "next-phase": {
      const index = session.phases.findIndex((p) => p.id === clock.phaseId);
      const next = session.phases[index + 1];
      // With no phase running, "next" starts the first one.
      if (!next) return fail("invalid-argument", session.phases.length ? "This is the last phase." : "There are no phases to run.");
      return sessionPatch(doc, session, { type: "start-phase", phaseId: next.id }, actor, now);
    }
    case "pause-clock":
      if (clock.startedAt === null || clock.durationMs === null) return fail("invalid-argument", "The clock is not running.");
      return ok({ clock: { ...clock, startedAt: null, pausedRemainingMs: Math.max(0, clock.durationMs - (now - clock.startedAt)) } });
    case "resume-clock":
      if (clock.pausedRemainingMs === null || clock.durationMs === null) return fail("invalid-argument", "The clock is not paused.");
      // Restart so that durationMs - (now - startedAt) equals the time that was left.
      return ok({ clock: { ...clock, startedAt: now - (clock.durationMs - clock.pausedRemainingMs), pausedRemainingMs: null } });
    case "stop-clock":
      return ok({ clock: stopped() });
    case "set-spotlight":
      if (command.argumentId && !readArguments(doc).some((a) => a.id === command.argumentId)) return fail("argument-not-found", "That argument no longer exists.");
      return ok({ spotlight: { argumentId: command.argumentId, at: now } });
    case "set-teams": {
      const positions = new Set(readPositions(doc).map((p) => p.id));
      if (command.teams.some((t) => !positions.has(t.positionId))) return fail("invalid-argument", "Every team needs a side: one of the board's positions.");
      if (new Set(command.teams.map((t) => t.id)).size !== command.teams.length) return fail("invalid-argument", "Each team needs its own id.");
      const ids = new Set(command.teams.map((t) => t.id));
      const assignments = Object.fromEntries(Object.entries(session.assignments).filter(([, teamId]) => ids.has(teamId)));
      const picks = picksOf(session);
      return ok({ teams: command.teams, assignments, teamPicks: { ...picks, assigned: picks.assigned.filter((id) => id in assignments) } });
    }
    case "assign-team":
      if (command.teamId !== null && !session.teams.some((t) => t.id === command.teamId)) return fail("invalid-argument", "There is no such team.");
      return ok({ assignments: assign(session, command.memberId, command.teamId), teamPicks: placed(picksOf(session), command.memberId, command.teamId !== null) });
    case "pick-team": {
      if (!session.settings.teamPick) return fail("invalid-argument", "The facilitator assigns the teams on this board.");
      if (!actor.memberId) return fail("invalid-argument", "Join the board to pick a team.");
      if (!session.teams.some((t) => t.id === command.teamId)) return fail("invalid-argument", "There is no such team.");
      const refusal = teamPickRefusal(session, actor.memberId);
      if (refusal) return fail("invalid-argument", refusal);
      return ok({ assignments: assign(session, actor.memberId, command.teamId) });
    }
    case "swap-sides": {
      // Every team moves to the next position in the board's order: two teams simply trade sides.
      const order = readPositions(doc).map((p) => p.id);
      return ok({ teams: session.teams.map((t) => ({ ...t, positionId: order[(order.indexOf(t.positionId) + 1) % order.length] })) });
    }
    case "reveal-votes":
      return ok({ voting: { revealed: command.revealed } });
    default:
      return fail("invalid-argument", `"${command.type}" is not a session command.`);
  }
}

/** Assignments with `memberId` moved to `teamId` (or to no team); the caller has checked the team exists. */
function assign(session: SessionState, memberId: string, teamId: string | null): Record<string, string> {
  const next = { ...session.assignments };
  if (teamId === null) delete next[memberId];
  else next[memberId] = teamId;
  return next;
}

function picksOf(session: SessionState): TeamPicks {
  return session.teamPicks ?? { lockedAt: null, assigned: [] };
}

/** The picks with `memberId` marked as placed by the facilitator (or, taken off every team, free to pick again). */
function placed(picks: TeamPicks, memberId: string, onTeam: boolean): TeamPicks {
  const others = picks.assigned.filter((id) => id !== memberId);
  return { ...picks, assigned: onTeam ? [...others, memberId] : others };
}

function stopped() {
  return { phaseId: null, startedAt: null, durationMs: null, pausedRemainingMs: null };
}
