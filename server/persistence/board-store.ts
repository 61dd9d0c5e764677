import type { SourceView } from "../../lib/views/board-views";

/**
 * Everything Parley keeps in its database, behind one small interface. The Prisma implementation
 * serves both PostgreSQL and embedded PGlite; tests/integration/store-contract.ts runs the same
 * contract suite against each.
 */
/** "memory": the in-memory store of deterministic tests (memory-board-store.ts). */
export type DatabaseKind = "postgres" | "pglite" | "memory";

/** A stored source document: what the browser is shown of it (lib/views), and when it was stored. */
export interface SourceDocumentRecord extends SourceView {
  createdAt: Date;
}

export type NewSourceDocument = Omit<SourceDocumentRecord, "id" | "createdAt" | "sha256">;

export type AccessMode = "open" | "managed";

export interface BoardRecord {
  id: string;
  title: string;
  joinCode: string;
  sourceId: string;
  updateSeq: number;
  accessMode: string;
  /** When a facilitator archived the board (hidden from listings, read-only); null while in use. */
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What deciding who may join a board needs of it (read-access.ts): fields that change only when the
 * board is created, deleted or its join code reissued, never with its content, so a join can read them
 * from memory (record-cache.ts) while the board is being edited.
 */
export type BoardAccess = Pick<BoardRecord, "id" | "joinCode" | "accessMode">;

/** What creating a board stores, in one transaction. */
export interface NewBoard {
  id: string;
  title: string;
  joinCode: string;
  sourceId: string;
  initialUpdate: Uint8Array;
  /** Default "open". */
  accessMode?: AccessMode;
  /** Capability links created with the board (managed boards: one per role). */
  invites?: { token: string; role: string }[];
  /** Members seated with the board (a duplicate's facilitator), so it never exists without them. */
  members?: { id: string; role: string; displayName: string; tokenHash: string }[];
  /** Ballots carried over by an import, stored in the same transaction. */
  votes?: VoteRecord[];
}

export interface BoardListing extends BoardRecord {
  sourceTitle: string;
}

/** A board's persisted content: the latest snapshot (if any) followed by the log entries after it. */
export interface StoredBoardState {
  parts: Uint8Array[];
  /** Log entries after the snapshot: what compaction would fold in. */
  logLength: number;
  latestSeq: number;
}

/**
 * What a server process lacks after `afterSeq` (scale-out gap repair): the log entries after it, or,
 * when compaction already folded part of that range, the snapshot that stands for it followed by the
 * log after the snapshot. Every part is a Yjs update, so applying one the document already has is harmless.
 */
export interface UpdatesAfter {
  /** Present only when the entries right after `afterSeq` were folded away. */
  snapshot: { upToSeq: number; data: Uint8Array } | null;
  /** Log entries in sequence order, contiguous, each with seq > afterSeq (and > snapshot.upToSeq). */
  entries: { seq: number; data: Uint8Array }[];
}

/** One update of a group commit (appendUpdates): the Yjs update and who sent it (null: the server). */
export interface NewLogEntry {
  update: Uint8Array;
  memberId: string | null;
}

export interface MemberRecord {
  id: string;
  boardId: string;
  role: string;
  displayName: string;
  createdAt: Date;
  /** When a facilitator removed them; their token no longer works, the row stays for the history. */
  removedAt: Date | null;
}

/** What a facilitator may change about a member: their name, their role. */
export interface MemberChange {
  displayName?: string;
  role?: string;
}

/** New capability links (and optionally a new join code) that replace a board's current ones. */
export interface InviteReissue {
  /** One new token per role; the role's current links are revoked in the same transaction. */
  invites: { token: string; role: string }[];
  joinCode?: string;
}

export interface InviteRecord {
  token: string;
  boardId: string;
  role: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** One entry of a board's whole update history (folded or not), for replay and the activity feed. */
export interface HistoryEntry {
  seq: number;
  data: Uint8Array;
  memberId: string | null;
  createdAt: Date;
}

export interface VoteRecord {
  argumentId: string;
  memberId: string;
  strength: number | null;
  quoteSupport: number | null;
  /** When this vote was cast (vote events) or last changed (current votes). */
  at: Date;
}

/** A member's rating as they send it: a rating left `undefined` keeps its earlier value, `null` clears it. */
export interface VoteCast {
  argumentId: string;
  memberId: string;
  strength?: number | null;
  quoteSupport?: number | null;
}

export interface DraftRecord {
  id: string;
  boardId: string;
  /** The team that sees it until the reveal; null for a personal draft. */
  teamId: string | null;
  memberId: string;
  /** Seen by its author alone (server/sync/personal-drafts.ts); absent or false: a team draft. */
  personal?: boolean;
  record: unknown;
  updatedAt: Date;
}

/** One source text a board has had (revision 1: the one it was created on). */
export interface SourceRevisionRecord {
  revision: number;
  sourceId: string;
  sha256: string;
  /** The facilitator who applied it; null for revision 1. */
  memberId: string | null;
  createdAt: Date;
}

/** A source revision to record, with the document update that applies it (recordSourceRevision). */
export interface NewSourceRevision {
  baseRevision: number;
  sourceId: string;
  memberId: string;
  update: Uint8Array;
}

export interface CompactionResult {
  foldedUpdates: number;
  snapshotBytes: number;
  upToSeq: number;
}

export interface BoardStore {
  readonly kind: DatabaseKind;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Returns the document with this text, creating it if new (documents are keyed by their SHA-256). */
  ensureSourceDocument(input: NewSourceDocument): Promise<SourceDocumentRecord>;
  getSourceDocument(id: string): Promise<SourceDocumentRecord | null>;
  /** Creates the board and its first log entry (the initial Yjs state) in one transaction. */
  createBoard(input: NewBoard): Promise<BoardRecord>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** The board's access fields (BoardAccess), for deciding a join; null when there is no such board. */
  getBoardAccess(id: string): Promise<BoardAccess | null>;
  getBoardByJoinCode(joinCode: string): Promise<BoardRecord | null>;
  /** Newest activity first; `accessMode` keeps only boards of that kind (the public list shows open boards only). */
  listRecentBoards(limit: number, options?: { accessMode?: AccessMode }): Promise<BoardListing[]>;
  /** Appends one Yjs update to the board's log; resolves with its sequence number once committed. */
  appendUpdate(boardId: string, update: Uint8Array, memberId?: string | null): Promise<number>;
  /**
   * Appends several updates to the board's log in one statement (a room's group commit): all of them
   * or none. Resolves, once committed, with their sequence numbers in the order given (consecutive);
   * an empty batch stores nothing and resolves with []. Throws board-not-found.
   */
  appendUpdates(boardId: string, entries: readonly NewLogEntry[]): Promise<number[]>;
  /** Every update the board ever accepted, oldest first (the log and what compaction moved aside). */
  loadHistory(boardId: string): Promise<HistoryEntry[]>;
  loadBoardState(boardId: string): Promise<StoredBoardState>;
  /** Everything appended after `afterSeq` (see UpdatesAfter). Throws board-not-found. */
  loadUpdatesAfter(boardId: string, afterSeq: number): Promise<UpdatesAfter>;
  /**
   * Folds the latest snapshot and every log entry after it into a new snapshot, then deletes what it
   * folded (moving it to the history). `merge` must be pure and may be asynchronous (a worker thread):
   * it runs outside any lock while appends carry on, and only the final write holds the board's row
   * lock. Returns null when there was nothing to fold, or when another compaction replaced the
   * snapshot meanwhile (this one then gives up: the other already folded the same entries).
   */
  compact(boardId: string, merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>): Promise<CompactionResult | null>;
  compact(boardId: string, merge: (parts: Uint8Array[]) => Uint8Array): Promise<CompactionResult | null>;
  /**
   * Records a member's rating of an argument (merged into their earlier one, see VoteCast) and its
   * history event, in one statement: no read first, so a burst of votes costs one round trip each.
   */
  castVote(boardId: string, vote: VoteCast): Promise<void>;
  listVotes(boardId: string): Promise<VoteRecord[]>;
  listVoteEvents(boardId: string): Promise<VoteRecord[]>;
  saveDraft(draft: Omit<DraftRecord, "updatedAt">): Promise<void>;
  deleteDrafts(boardId: string, ids: string[]): Promise<void>;
  listDrafts(boardId: string): Promise<DraftRecord[]>;
  /** Adds a person to a board; `tokenHash` is the SHA-256 of the secret their browser keeps. */
  createMember(input: { id: string; boardId: string; role: string; displayName: string; tokenHash: string }): Promise<MemberRecord>;
  /** The member holding this token; a removed member only with `includeRemoved` (to say why they are refused). */
  findMemberByTokenHash(tokenHash: string, options?: { includeRemoved?: boolean }): Promise<MemberRecord | null>;
  renameMember(memberId: string, displayName: string): Promise<void>;
  /** Everyone who ever joined, removed members included (the history and the review name them). */
  listMembers(boardId: string): Promise<MemberRecord[]>;
  findInvite(token: string): Promise<InviteRecord | null>;
  listInvites(boardId: string): Promise<InviteRecord[]>;

  // Teacher actions (server/boards/*): each one transaction; member changes hold the board's row lock
  // so two facilitators acting at once cannot leave a board without a facilitator or with a name twice.
  /**
   * Marks a member removed (idempotent). Throws bad-request when they are not on the board and
   * invalid-content when they are its last facilitator.
   */
  removeMember(boardId: string, memberId: string): Promise<MemberRecord>;
  /**
   * Renames and/or changes the role of an active member. Throws invalid-content when another active
   * member has the name (case-insensitive) or the change would leave the board without a facilitator.
   */
  changeMember(boardId: string, memberId: string, change: MemberChange): Promise<MemberRecord>;
  /** Revokes the given roles' current invites, stores the new ones and (optionally) the new join code. */
  reissueInvites(boardId: string, reissue: InviteReissue): Promise<BoardRecord>;
  /** Archives (a date) or unarchives (null) a board; listings leave archived boards out. */
  setBoardArchived(boardId: string, archivedAt: Date | null): Promise<BoardRecord>;
  /** The board's source revisions, oldest first (revision 1 is the board's original source). Throws board-not-found. */
  listSourceRevisions(boardId: string): Promise<SourceRevisionRecord[]>;
  /**
   * Makes `sourceId` the board's next source revision and its current source, and appends `update` (the
   * Yjs update writing that revision into the document) to the board's log, all in one transaction under
   * the board's row lock: the revision rows and the document never disagree. Resolves with the revision
   * and the update's seq. Throws stale-revision when the board's latest revision is not `baseRevision`.
   */
  recordSourceRevision(boardId: string, input: NewSourceRevision): Promise<SourceRevisionRecord & { seq: number }>;
  /** Deletes a board with its log, snapshots, members, invites, votes and drafts. False when there was none. */
  deleteBoard(boardId: string): Promise<boolean>;
  close(): Promise<void>;
}
