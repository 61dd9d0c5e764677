/**
 * Everything Parley keeps in its database, behind one small interface. The Prisma implementation
 * serves both PostgreSQL and embedded PGlite; tests/integration/store-contract.ts runs the same
 * contract suite against each.
 */
/** "memory": the in-memory store of deterministic tests (memory-board-store.ts). */
export type DatabaseKind = "postgres" | "pglite" | "memory";

export interface SourceDocumentRecord {
  id: string;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  language: string;
  text: string;
  sha256: string;
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
  createdAt: Date;
  updatedAt: Date;
}

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

export interface MemberRecord {
  id: string;
  boardId: string;
  role: string;
  displayName: string;
  createdAt: Date;
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

export interface DraftRecord {
  id: string;
  boardId: string;
  teamId: string;
  memberId: string;
  record: unknown;
  updatedAt: Date;
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
  getBoardByJoinCode(joinCode: string): Promise<BoardRecord | null>;
  listRecentBoards(limit: number): Promise<BoardListing[]>;
  /** Appends one Yjs update to the board's log; resolves with its sequence number once committed. */
  appendUpdate(boardId: string, update: Uint8Array, memberId?: string | null): Promise<number>;
  /** Every update the board ever accepted, oldest first (the log and what compaction moved aside). */
  loadHistory(boardId: string): Promise<HistoryEntry[]>;
  loadBoardState(boardId: string): Promise<StoredBoardState>;
  /**
   * Folds the latest snapshot and every log entry after it into a new snapshot, in one transaction
   * that holds the board's row lock, then deletes what it folded. `merge` must be pure. Returns null when
   * there was nothing to fold.
   */
  compact(boardId: string, merge: (parts: Uint8Array[]) => Uint8Array): Promise<CompactionResult | null>;
  /** Records a member's rating of an argument (replacing their earlier one) and its history event. */
  castVote(boardId: string, vote: Omit<VoteRecord, "at">): Promise<void>;
  listVotes(boardId: string): Promise<VoteRecord[]>;
  listVoteEvents(boardId: string): Promise<VoteRecord[]>;
  saveDraft(draft: Omit<DraftRecord, "updatedAt">): Promise<void>;
  deleteDrafts(boardId: string, ids: string[]): Promise<void>;
  listDrafts(boardId: string): Promise<DraftRecord[]>;
  /** Adds a person to a board; `tokenHash` is the SHA-256 of the secret their browser keeps. */
  createMember(input: { id: string; boardId: string; role: string; displayName: string; tokenHash: string }): Promise<MemberRecord>;
  findMemberByTokenHash(tokenHash: string): Promise<MemberRecord | null>;
  renameMember(memberId: string, displayName: string): Promise<void>;
  listMembers(boardId: string): Promise<MemberRecord[]>;
  findInvite(token: string): Promise<InviteRecord | null>;
  listInvites(boardId: string): Promise<InviteRecord[]>;
  close(): Promise<void>;
}
