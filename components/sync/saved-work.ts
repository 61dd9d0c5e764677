import { z } from "zod";
import type { ErrorPayload } from "@/lib/errors/errors";
import type { ArgumentEdit } from "./argument-edits";

/**
 * The unsaved work a browser keeps for one board between page loads (a reload, a phone's
 * pull-to-refresh, a dropped school Wi-Fi). The board document itself is kept by y-indexeddb; this
 * is the bookkeeping that says which of its changes the server has not acknowledged yet, so they
 * count as pending after a reload and go out again after the next join. Pure: no IndexedDB here.
 */
export interface SavedWork {
  /** Local changes with no ack `{ ok: true }` yet, in the order they were made. */
  changes: { frame: Uint8Array; edits: ArgumentEdit[] }[];
  /** Intents to replay on the server's state: a change was refused and the document started over. */
  replay: ArgumentEdit[][];
}

export const NO_SAVED_WORK: SavedWork = { changes: [], replay: [] };

const RecordSchema = z.record(z.string(), z.unknown());
/** Absent for an argument's edit; "comments" for a comment's. */
const root = z.literal("comments").optional();
const ArgumentEditSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add"), id: z.string(), record: RecordSchema, root }),
  z.object({ kind: z.literal("change"), id: z.string(), fields: RecordSchema, text: z.string().nullable(), root }),
  z.object({ kind: z.literal("delete"), id: z.string(), text: z.string().nullable(), root }),
]);

/** Version 1 of what is stored; anything else (an older layout, a damaged record) is not trusted. */
const StoredWorkSchema = z.object({
  version: z.literal(1),
  changes: z.array(z.object({ frame: z.instanceof(Uint8Array), edits: z.array(ArgumentEditSchema) })),
  replay: z.array(z.array(ArgumentEditSchema)),
});

/** The record written to storage for `work` (what `parseSavedWork` reads back). */
export function storedWork(work: SavedWork): { version: 1 } & SavedWork {
  return { version: 1, changes: work.changes, replay: work.replay };
}

/**
 * Reads a stored record back. Anything that does not parse is answered as no work: the server's
 * handshake still sends whatever the stored document holds that the server lacks.
 */
export function parseSavedWork(stored: unknown): SavedWork {
  const parsed = StoredWorkSchema.safeParse(stored);
  if (!parsed.success) return NO_SAVED_WORK;
  return { changes: parsed.data.changes as SavedWork["changes"], replay: parsed.data.replay as ArgumentEdit[][] };
}

/** Whether there is anything to send or replay. */
export function hasSavedWork(work: SavedWork): boolean {
  return work.changes.length > 0 || work.replay.some((edits) => edits.length > 0);
}

const PREFIX = "parley-board";

/**
 * The IndexedDB database name for one board, one incarnation of it and one person. `epochMs` is the
 * board's creation time: a board deleted and made again under the same id starts from nothing, and
 * another person signing in on the same browser never sends (or sees) someone else's unsaved work.
 */
export function localCopyName(boardId: string, epochMs: number, personId: string): string {
  return `${PREFIX}:${boardId}:${epochMs}:${personId}`;
}

/** Copies of earlier incarnations of `boardId` (whoever's): their board is gone, so they are deleted. */
export function staleCopyNames(names: readonly string[], boardId: string, epochMs: number): string[] {
  return names.filter((name) => {
    const [prefix, board, epoch] = name.split(":");
    return prefix === PREFIX && board === boardId && epoch !== String(epochMs);
  });
}

/** The browser is out of room for this site (the copy then gives way to memory only). */
export function isQuotaError(error: unknown): boolean {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}

/** What the person is told when this browser cannot keep the offline copy (said once per page). */
export function localCopyFailedNotice(error: unknown): ErrorPayload {
  const why = isQuotaError(error) ? "This browser is out of storage space" : "This browser could not store the board";
  return {
    code: "storage-unavailable",
    message: `${why}, so your work is kept only on this page until it is saved: do not reload while offline.`,
    retry: true,
  };
}
