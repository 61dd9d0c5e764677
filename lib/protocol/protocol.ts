import { z } from "zod";
import type { Argument } from "../board/argument";
import type { Role } from "../board/roles";
import type { ErrorPayload } from "../errors/errors";

/**
 * Parley's sync protocol: the y-protocols sync and awareness messages carried as binary Socket.io
 * events, one Socket.io room per board. docs/protocol.md is the prose version of this file.
 */
export const PROTOCOL_VERSION = 1;

/** Socket.io namespace of the sync server. */
export const SYNC_NAMESPACE = "/sync";

export const EVENTS = {
  /** C→S JSON JoinRequest, acknowledged with JoinAck. Must come first (or ride in the handshake: HandshakeJoinSchema). */
  join: "join",
  /** S→C JSON JoinAck: the answer to a join carried in the connection's handshake. */
  joined: "joined",
  /** Both ways, binary: one y-protocols sync message (step 1, step 2 or update). C→S step 2/update may carry an ack. */
  sync: "sync",
  /** Both ways, binary: one y-protocols awareness update. */
  awareness: "awareness",
  /** S→C JSON ErrorPayload, for errors that have no ack to travel in (sent before a disconnect). */
  error: "parley-error",
  /** C→S JSON Command (lib/session/commands.ts), acknowledged with CommandAck. */
  command: "command",
  /** S→C JSON: this person's ballots, and results once revealed (facilitators: always). */
  votes: "votes",
  /** S→C JSON: the private drafts this person may see (their team's; facilitators: all). */
  drafts: "drafts",
  /** S→C JSON PersonalDraftsView: this member's own personal drafts (quoteless arguments on a mustCite board), to them alone. */
  personalDrafts: "personal-drafts",
  /** S→C JSON: members with real names and roles, to facilitators only. */
  roster: "roster",
} as const;

export const SYNC_LIMITS = {
  /** Largest sync frame accepted: a whole board's state fits many times over. */
  maxSyncMessageBytes: 1_000_000,
  maxAwarenessMessageBytes: 16_384,
  /** Socket.io's own cap sits above ours, so an oversized frame still gets a clear error before the disconnect. */
  transportMaxBytes: 4_000_000,
} as const;

export const JoinRequestSchema = z.object({
  protocol: z.number().int(),
  boardId: z.string().min(1).max(64),
  /** The secret from joining the board over HTTP; optional only on open boards. */
  memberToken: z.string().min(1).max(128).optional(),
});
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/**
 * A join carried in the Socket.io handshake (`auth`), which saves the round trip of a separate `join`:
 * the server starts it as the connection opens and answers with a `joined` event. `stateVector` (a Yjs
 * state vector, base64) stands for the Step 1 a client would send right behind its join.
 */
export const HandshakeJoinSchema = JoinRequestSchema.extend({
  stateVector: z
    .string()
    .max(Math.ceil(1_000_000 / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .optional(),
});
export type HandshakeJoin = z.infer<typeof HandshakeJoinSchema>;

export type JoinAck =
  | { ok: true; boardId: string; protocol: number; role: Role; memberId: string | null; /** server clock, for the phase timer */ serverTime: number }
  | ({ ok: false } & ErrorPayload);

/** A member's personal drafts: argument records (lib/board/argument.ts) nobody else is sent. */
export interface PersonalDraftsView {
  drafts: { id: string; argument: Argument }[];
}

export type CommandAck = { ok: true; serverTime: number } | ({ ok: false } & ErrorPayload);

/** Ack for a client's step 2 or update: sent only after the update is in the database (or refused). */
export type UpdateAck = { ok: true } | ({ ok: false } & ErrorPayload);

/** What a client publishes in awareness; the server refuses anything else. */
export const AwarenessStateSchema = z
  .object({
    user: z.object({
      id: z.string().min(1).max(64),
      name: z.string().trim().min(1).max(40),
      color: z.string().regex(/^#[0-9a-f]{6}$/i),
    }),
    /** The argument this person is editing, if any. */
    editing: z.string().max(64).nullable().optional(),
  })
  .strict();
export type AwarenessState = z.infer<typeof AwarenessStateSchema>;
