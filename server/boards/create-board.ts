import { createHash, randomBytes, randomInt } from "node:crypto";
import * as Y from "yjs";
import { LIMITS } from "../../lib/board/constants";
import { initBoardDoc, readPositions } from "../../lib/board/doc";
import { DEFAULT_PHASES, NEW_MANAGED_SETTINGS, writeSession } from "../../lib/session/session";
import { makePositions, PositionDraftSchema, type PositionDraft } from "../../lib/board/position";
import { ParleyError } from "../../lib/errors/errors";
import { z } from "zod";
import type { AccessMode, BoardRecord, BoardStore, NewSourceDocument, VoteRecord } from "../persistence/board-store";

/** Unambiguous characters for join codes: no 0/O, 1/I/L. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export const NewSourceSchema = z.object({
  title: z.string().trim().min(1, "Give the source a title.").max(LIMITS.boardTitleMaxChars),
  publisher: z.string().trim().max(120).nullable().default(null),
  publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2018-09-05.").nullable().default(null),
  language: z.string().trim().min(2).max(16).default("en"),
  text: z
    .string()
    .refine((t) => t.trim().length >= 20, "Paste at least a paragraph of text to debate.")
    .refine((t) => t.length <= LIMITS.sourceMaxChars, `A source can be at most ${LIMITS.sourceMaxChars.toLocaleString("en")} characters.`),
});

export interface CreateBoardOptions {
  title: string;
  source: NewSourceDocument;
  positions: PositionDraft[];
  /** Stable id (the demo board is "demo"); random when absent. */
  id?: string;
  joinCode?: string;
  /**
   * "managed" boards get a facilitator, invites for each role and the facilitator's rules; "open"
   * boards (the default, and the demo) let anyone with the link take part and edit.
   */
  accessMode?: AccessMode;
  /** A managed board's "every argument must cite the article" setting at the start; absent: on. */
  mustCite?: boolean;
  /** Ballots to store with the board (an import). */
  votes?: VoteRecord[];
  /**
   * Writes initial content into the new board's document (the demo board's arguments, an import).
   * It runs before anything is stored, so a fill that throws leaves no trace in the database.
   */
  fill?: (doc: Y.Doc, sourceText: string) => void;
}

/** Creates a board on a source document, with its positions, in one transaction. */
export async function createBoard(store: BoardStore, options: CreateBoardOptions): Promise<BoardRecord> {
  return storeNewBoard(store, options, buildBoardDoc(options));
}

/**
 * The new board's document as its first update: positions checked, session defaults, `fill`. Pure, so
 * an import can build a big board in the render pool (server/boards/import-board.ts).
 */
export function buildBoardDoc(options: Pick<CreateBoardOptions, "title" | "source" | "positions" | "accessMode" | "mustCite" | "fill">): Uint8Array {
  const positions = z.array(PositionDraftSchema).min(2, "A debate needs at least two positions.").max(6).safeParse(options.positions);
  if (!positions.success) throw new ParleyError("bad-request", positions.error.issues[0].message);
  const sourceSha256 = createHash("sha256").update(options.source.text, "utf8").digest("hex");
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: options.title, sourceSha256 }, makePositions(positions.data));
  if ((options.accessMode ?? "open") === "managed") writeSession(doc, { settings: { ...NEW_MANAGED_SETTINGS, mustCite: options.mustCite ?? true }, phases: DEFAULT_PHASES, teams: defaultTeams(doc) });
  options.fill?.(doc, options.source.text);
  const initialUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return initialUpdate;
}

/** Stores a board whose document buildBoardDoc made (its `fill` is not run again). */
export async function storeNewBoard(store: BoardStore, options: Omit<CreateBoardOptions, "fill" | "positions">, initialUpdate: Uint8Array): Promise<BoardRecord> {
  const accessMode = options.accessMode ?? "open";
  const source = await store.ensureSourceDocument(options.source);

  for (let attempt = 0; ; attempt++) {
    const joinCode = options.joinCode ?? randomString(CODE_ALPHABET, 6);
    try {
      return await store.createBoard({
        id: options.id ?? randomString(ID_ALPHABET, 10),
        title: options.title,
        joinCode,
        sourceId: source.id,
        initialUpdate,
        accessMode,
        votes: options.votes,
        invites: accessMode === "managed" ? (["facilitator", "participant", "observer"] as const).map((role) => ({ role, token: newSecret() })) : [],
      });
    } catch (error) {
      // A clash of random codes is astronomically rare; retry a few times before giving up.
      if (options.joinCode || attempt >= 3 || (await store.getBoardByJoinCode(joinCode)) === null) throw error;
    }
  }
}

/** One team per position, named after its side: "Team US position" reads oddly, so use the label's gist. */
function defaultTeams(doc: Y.Doc) {
  return readPositions(doc).map((position) => ({
    id: `team-${position.key}`,
    name: `Team ${position.label.replace(/^the\s+/i, "").replace(/\s+position$/i, "")}`,
    positionId: position.id,
    color: position.color,
  }));
}

/** An unguessable capability: 128 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(16).toString("base64url");
}

/** A fresh six-character join code (callers retry on the rare clash). */
export function newJoinCode(): string {
  return randomString(CODE_ALPHABET, 6);
}

/** A fresh board id. */
export function newBoardId(): string {
  return randomString(ID_ALPHABET, 10);
}

export function normalizeJoinCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
