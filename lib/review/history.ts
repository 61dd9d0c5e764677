import { fromBase64, toBase64 } from "lib0/buffer";
import { z } from "zod";

/**
 * A board's recorded session as the review screen replays it: every accepted Yjs update with who sent it,
 * every vote cast, and the members the ids refer to. Times are epoch milliseconds here; on the wire
 * (GET /api/boards/:id/history) they are ISO strings and the updates base64, so the payload stays JSON.
 */

/** One accepted update, in the order the server accepted it. `memberId` null: a guest or the server. */
export interface HistoryUpdate {
  seq: number;
  at: number;
  memberId: string | null;
  data: Uint8Array;
}

/** One rating as it was cast (a later one by the same member on the same argument replaces it). */
export interface VoteEvent {
  argumentId: string;
  memberId: string;
  strength: number | null;
  quoteSupport: number | null;
  at: number;
}

export interface ReviewMember {
  id: string;
  displayName: string;
  role: string;
}

export interface ReviewHistory {
  members: ReviewMember[];
  updates: HistoryUpdate[];
  votes: VoteEvent[];
}

const Rating = z.number().int().min(1).max(5).nullable();

export const HistoryResponseSchema = z.object({
  members: z.array(z.object({ id: z.string().min(1), displayName: z.string(), role: z.string() })),
  updates: z.array(z.object({ seq: z.number().int().nonnegative(), at: z.iso.datetime(), memberId: z.string().nullable(), data: z.string() })),
  votes: z.array(
    z.object({ argumentId: z.string().min(1), memberId: z.string().min(1), strength: Rating, quoteSupport: Rating, at: z.iso.datetime() }),
  ),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

/** What the store hands over (structurally: lib/ never imports server/). */
export interface StoredHistory {
  members: { id: string; displayName: string; role: string }[];
  entries: { seq: number; data: Uint8Array; memberId: string | null; createdAt: Date }[];
  votes: { argumentId: string; memberId: string; strength: number | null; quoteSupport: number | null; at: Date }[];
}

/** Converts the store's records (Dates) into the replayable history (milliseconds). */
export function fromStoredHistory(stored: StoredHistory): ReviewHistory {
  return {
    members: stored.members.map(({ id, displayName, role }) => ({ id, displayName, role })),
    updates: stored.entries.map((e) => ({ seq: e.seq, at: e.createdAt.getTime(), memberId: e.memberId, data: e.data })),
    votes: stored.votes.map((v) => ({ ...v, at: v.at.getTime() })),
  };
}

/** The JSON body of GET /api/boards/:id/history. */
export function encodeHistory(history: ReviewHistory): HistoryResponse {
  return {
    members: history.members,
    updates: history.updates.map((u) => ({ seq: u.seq, at: new Date(u.at).toISOString(), memberId: u.memberId, data: toBase64(u.data) })),
    votes: history.votes.map((v) => ({ ...v, at: new Date(v.at).toISOString() })),
  };
}

/**
 * Validates and decodes a history response (the client's side of the boundary). Throws an Error naming
 * the first problem when the body is not a history, e.g. an older server's or a proxy's error page.
 */
export function decodeHistory(raw: unknown): ReviewHistory {
  const parsed = HistoryResponseSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`The session history could not be read: ${parsed.error.issues[0]?.message ?? "unexpected shape"}.`);
  const body = parsed.data;
  return {
    members: body.members,
    // Oldest first by sequence number: a replay applies them in exactly the order the server did.
    updates: body.updates
      .map((u) => ({ seq: u.seq, at: Date.parse(u.at), memberId: u.memberId, data: fromBase64(u.data) }))
      .sort((a, b) => a.seq - b.seq),
    votes: body.votes.map((v) => ({ ...v, at: Date.parse(v.at) })).sort((a, b) => a.at - b.at),
  };
}
