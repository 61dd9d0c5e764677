import { z } from "zod";
import * as Y from "yjs";
import { ROOTS, POSITION_COLORS } from "../board/constants";

/**
 * The facilitator's session, kept in the board document's `session` root so every screen (the
 * projector too) follows it live. Only the server writes it, when it carries out a facilitator's
 * command (lib/session/commands.ts); clients that try to write it are refused.
 *
 *   settings     { locked, coEditing, anonymous, teamPick, privateDrafting, participantsInvite?, teamSides?, mustCite? }
 *   phases       Phase[]                 the agenda
 *   clock        { phaseId, startedAt, durationMs, pausedRemainingMs }   server-clock times
 *   spotlight    { argumentId, at }
 *   teams        Team[]                  teams bound to positions (sides)
 *   assignments  { [memberId]: teamId }
 *   voting       { revealed }
 *   drafts       { revealedAt }
 *   status       { endedAt, archivedAt } the session ended / the board archived: read-only but for facilitators
 *   teamPicks    { lockedAt, assigned }  when participants stopped choosing; whom the facilitator placed
 */
export const SettingsSchema = z
  .object({
    /** Nobody but facilitators may change anything. */
    locked: z.boolean(),
    /** Participants may edit and delete each other's arguments. */
    coEditing: z.boolean(),
    /** Participants see no author names (facilitators still do). */
    anonymous: z.boolean(),
    /** Participants choose their own team. */
    teamPick: z.boolean(),
    /** During a drafting phase, new arguments stay with their team until the facilitator reveals them. */
    privateDrafting: z.boolean(),
    /** Participants see the join code and may invite others (observers never do). Absent: off. */
    participantsInvite: z.boolean().optional(),
    /** Team members only post arguments that make their own team's case (lib/session/sides.ts). Absent: on, once there are teams. */
    teamSides: z.boolean().optional(),
    /** Every argument quotes the source; one without a quote stays its author's personal draft (lib/board/must-cite.ts). Absent (older boards): off. */
    mustCite: z.boolean().optional(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

/** What a phase lets participants do; facilitators may always act. */
export const PHASE_RULES = ["anything", "drafting", "openings", "rebuttals", "voting", "closed"] as const;
export type PhaseRule = (typeof PHASE_RULES)[number];

export const PhaseSchema = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().min(1).max(40),
    /** Minutes are what a teacher thinks in; null = no time limit. */
    durationSec: z.number().int().min(10).max(4 * 3600).nullable(),
    rule: z.enum(PHASE_RULES),
  })
  .strict();
export type Phase = z.infer<typeof PhaseSchema>;

export const ClockSchema = z
  .object({
    phaseId: z.string().nullable(),
    /** Server time (ms) when the phase's clock last started running; null while paused or unset. */
    startedAt: z.number().nullable(),
    durationMs: z.number().nullable(),
    /** Time left when paused; null while running. */
    pausedRemainingMs: z.number().nullable(),
  })
  .strict();
export type Clock = z.infer<typeof ClockSchema>;

export const TeamSchema = z
  .object({
    id: z.string().min(1).max(40),
    name: z.string().trim().min(1).max(40),
    /** The side the team argues: a position id. */
    positionId: z.string().min(1).max(64),
    color: z.enum(POSITION_COLORS),
  })
  .strict();
export type Team = z.infer<typeof TeamSchema>;

/**
 * Private drafting only stays private if teams hold still: picks lock for good once a drafting phase
 * starts, and a member the facilitator placed never picks for themselves.
 */
export const TeamPicksSchema = z
  .object({
    /** Server time the first drafting phase started; null while participants may still pick. */
    lockedAt: z.number().nullable(),
    /** Member ids the facilitator assigned to a team. */
    assigned: z.array(z.string()),
  })
  .strict();
export type TeamPicks = z.infer<typeof TeamPicksSchema>;

export const SpotlightSchema = z.object({ argumentId: z.string().max(64).nullable(), at: z.number() }).strict();

export interface SessionState {
  settings: Settings;
  phases: Phase[];
  clock: Clock;
  spotlight: { argumentId: string | null; at: number };
  teams: Team[];
  assignments: Record<string, string>;
  voting: { revealed: boolean };
  drafts: { revealedAt: number | null };
  /** Absent in sessions built by hand (tests, older callers): read as open. */
  status?: SessionStatus;
  /** Optional only so older code that builds a session by hand still compiles; readSession always fills it. */
  teamPicks?: TeamPicks;
}

/**
 * Whether the class is over. An ended session or an archived board is read-only for everyone but
 * facilitators, who can reopen or unarchive it. Server times (ms); null = not so.
 */
export const SessionStatusSchema = z.object({ endedAt: z.number().nullable(), archivedAt: z.number().nullable() }).strict();
export type SessionStatus = z.infer<typeof SessionStatusSchema>;
export const OPEN_STATUS: SessionStatus = { endedAt: null, archivedAt: null };

/** Open boards (and boards made before sessions existed): no facilitator, everyone edits everything. */
export const OPEN_SETTINGS: Settings = { locked: false, coEditing: true, anonymous: false, teamPick: true, privateDrafting: false };
/** A facilitated board starts unlocked, each person editing only their own arguments. */
export const MANAGED_SETTINGS: Settings = { locked: false, coEditing: false, anonymous: false, teamPick: true, privateDrafting: false };
/**
 * What a new facilitated board starts with: MANAGED_SETTINGS, and every argument citing the source.
 * Open boards keep mustCite off: nobody there can switch it off, and guests have no account to keep drafts in.
 */
export const NEW_MANAGED_SETTINGS: Settings = { ...MANAGED_SETTINGS, mustCite: true };

export const DEFAULT_PHASES: Phase[] = [
  { id: "drafting", name: "Drafting", durationSec: 600, rule: "drafting" },
  { id: "openings", name: "Openings", durationSec: 600, rule: "openings" },
  { id: "rebuttals", name: "Rebuttals", durationSec: 600, rule: "rebuttals" },
  { id: "voting", name: "Voting", durationSec: 300, rule: "voting" },
  { id: "closed", name: "Closed", durationSec: null, rule: "closed" },
];

/** The name participants write and show on an anonymous board. */
export const ANONYMOUS_NAME = "Anonymous";

const EMPTY_CLOCK: Clock = { phaseId: null, startedAt: null, durationMs: null, pausedRemainingMs: null };

export function sessionRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOTS.session);
}

/** Built once: readSession runs on every join and message, and building a zod schema costs more than using it. */
const PART_SCHEMAS = {
  phases: z.array(PhaseSchema),
  teams: z.array(TeamSchema),
  assignments: z.record(z.string(), z.string()),
  voting: z.object({ revealed: z.boolean() }),
  drafts: z.object({ revealedAt: z.number().nullable() }),
};

/** The session as it stands; missing or malformed parts read as their defaults. */
export function readSession(doc: Y.Doc): SessionState {
  const root = sessionRoot(doc);
  const get = <T>(key: string, schema: z.ZodType<T>, fallback: T): T => {
    const parsed = schema.safeParse(root.get(key));
    return parsed.success ? parsed.data : fallback;
  };
  return {
    settings: get("settings", SettingsSchema, OPEN_SETTINGS),
    phases: get("phases", PART_SCHEMAS.phases, []),
    clock: get("clock", ClockSchema, EMPTY_CLOCK),
    spotlight: get("spotlight", SpotlightSchema, { argumentId: null, at: 0 }),
    teams: get("teams", PART_SCHEMAS.teams, []),
    assignments: get("assignments", PART_SCHEMAS.assignments, {}),
    voting: get("voting", PART_SCHEMAS.voting, { revealed: false }),
    drafts: get("drafts", PART_SCHEMAS.drafts, { revealedAt: null }),
    status: get("status", SessionStatusSchema, OPEN_STATUS),
    teamPicks: get("teamPicks", TeamPicksSchema, { lockedAt: null, assigned: [] }),
  };
}

/** Writes parts of the session (mutates `doc`); the server's job alone. */
export function writeSession(doc: Y.Doc, patch: Partial<SessionState>): void {
  const root = sessionRoot(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && JSON.stringify(root.get(key)) !== JSON.stringify(value)) root.set(key, value);
    }
  });
}

/** Why nobody but a facilitator may change the board now (archived, or the session ended), or null. */
export function closedReason(session: Pick<SessionState, "status">): string | null {
  if (!session.status) return null;
  if (session.status.archivedAt !== null) return "This board is archived: it can be read but not changed.";
  if (session.status.endedAt !== null) return "This session has ended: the board can be read but not changed.";
  return null;
}

/** The phase in force, if the facilitator has started one. */
export function currentPhase(session: SessionState): Phase | null {
  return session.phases.find((p) => p.id === session.clock.phaseId) ?? null;
}

/**
 * Milliseconds left on the clock at server time `now`; null when the phase has no limit. Never more
 * than the phase's length: a client's estimate of server time lags by its latency, which would
 * otherwise show 10:01 on a ten-minute phase just after it starts.
 */
export function remainingMs(clock: Clock, now: number): number | null {
  if (clock.durationMs === null) return null;
  if (clock.pausedRemainingMs !== null) return clock.pausedRemainingMs;
  if (clock.startedAt === null) return clock.durationMs;
  return Math.min(clock.durationMs, Math.max(0, clock.durationMs - (now - clock.startedAt)));
}

/** Why `memberId` may not pick their own team now, or null when they may. */
export function teamPickRefusal(session: SessionState, memberId: string): string | null {
  const picks = session.teamPicks ?? { lockedAt: null, assigned: [] };
  if (picks.assigned.includes(memberId)) return "The facilitator has placed you on your team; ask them to move you.";
  if (picks.lockedAt !== null || currentPhase(session)?.rule === "drafting") return "Teams are fixed once drafting has started; ask the facilitator to move you.";
  return null;
}

/** The team a member argues for, if any. */
export function teamOf(session: SessionState, memberId: string | null): Team | null {
  if (!memberId) return null;
  const teamId = session.assignments[memberId];
  return session.teams.find((t) => t.id === teamId) ?? null;
}
