import { createHash } from "node:crypto";
import { ParleyError } from "../../lib/errors/errors";
import { nameKey } from "../boards/name-key";
import type { AccessMode, BoardAccess, BoardListing, BoardRecord, BoardStore, CompactionResult, DraftRecord, HistoryEntry, InviteRecord, InviteReissue } from "./board-store";
import { MemoryMembers, refused } from "./memory-members";
import type { MemberChange, MemberRecord, NewBoard, NewLogEntry, NewSourceDocument, NewSourceRevision, SourceDocumentRecord, SourceRevisionRecord, StoredBoardState, UpdatesAfter, VoteCast, VoteRecord } from "./board-store";

/** Everything kept for one board; the log holds only entries after the snapshot, like the SQL tables. */
interface BoardData {
  record: BoardRecord;
  snapshot: { data: Uint8Array; upToSeq: number } | null;
  log: HistoryEntry[];
  /** Entries compaction folded into a snapshot: they leave the log but stay in the history. */
  folded: HistoryEntry[];
  votes: Map<string, VoteRecord>;
  voteEvents: VoteRecord[];
  drafts: Map<string, DraftRecord & { createdAt: Date }>;
  /** Source revisions after the original (revision 1 is the record's sourceId until the first is recorded). */
  revisions: SourceRevisionRecord[];
  /** Compactions of one board run one at a time, as the row lock makes them in SQL. */
  compacting: Promise<unknown>;
}

/**
 * A complete BoardStore in memory, with the same semantics as the Prisma store (sequence numbers,
 * compaction moving folded entries to the history, unique join codes and member tokens). It backs
 * deterministic room tests, which need neither sockets nor a database, and passes the same contract
 * suite (tests/integration/store-contract.ts). Nothing survives the process.
 */
export class MemoryBoardStore implements BoardStore {
  readonly kind = "memory" as const;
  private readonly sources = new Map<string, SourceDocumentRecord>();
  private readonly boards = new Map<string, BoardData>();
  /** Members and invites, kept by their own module (memory-members.ts) as member-admin.ts does for SQL. */
  private readonly people = new MemoryMembers(() => this.now());
  private lastTime = 0;

  async ping(): Promise<void> {}

  async ensureSourceDocument(input: NewSourceDocument): Promise<SourceDocumentRecord> {
    const sha256 = createHash("sha256").update(input.text, "utf8").digest("hex");
    const id = `src-${sha256.slice(0, 16)}`;
    // An existing document is returned untouched: its text is immutable once used.
    const existing = this.sources.get(id);
    if (existing) return { ...existing };
    const created: SourceDocumentRecord = { id, sha256, ...input, createdAt: this.now() };
    this.sources.set(id, created);
    return { ...created };
  }

  async getSourceDocument(id: string): Promise<SourceDocumentRecord | null> {
    const source = this.sources.get(id);
    return source ? { ...source } : null;
  }

  async createBoard(input: NewBoard): Promise<BoardRecord> {
    // Every check comes before the first write, so a refused board leaves nothing behind (one transaction).
    if (this.boards.has(input.id)) throw refused(`A board "${input.id}" already exists.`);
    if (!this.sources.has(input.sourceId)) throw refused(`There is no source document "${input.sourceId}".`);
    if ([...this.boards.values()].some((b) => b.record.joinCode === input.joinCode)) throw refused("That join code is taken.");
    this.people.checkNewBoard(input.invites ?? [], input.members ?? []);
    const at = this.now();
    const record: BoardRecord = {
      id: input.id,
      title: input.title,
      joinCode: input.joinCode,
      sourceId: input.sourceId,
      updateSeq: 1,
      accessMode: input.accessMode ?? "open",
      archivedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    const data: BoardData = { record, snapshot: null, log: [], folded: [], votes: new Map(), voteEvents: [], drafts: new Map(), revisions: [], compacting: Promise.resolve() };
    data.log.push({ seq: 1, data: copy(input.initialUpdate), memberId: null, createdAt: at });
    this.people.addNewBoard(input.id, input.invites ?? [], input.members ?? []);
    for (const vote of input.votes ?? []) {
      data.votes.set(voteKey(vote), { ...vote });
      data.voteEvents.push({ ...vote });
    }
    this.boards.set(input.id, data);
    return { ...record };
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const board = this.boards.get(id);
    return board ? { ...board.record } : null;
  }

  async getBoardAccess(id: string): Promise<BoardAccess | null> {
    const board = this.boards.get(id)?.record;
    return board ? { id: board.id, joinCode: board.joinCode, accessMode: board.accessMode } : null;
  }

  async getBoardByJoinCode(joinCode: string): Promise<BoardRecord | null> {
    const board = [...this.boards.values()].find((b) => b.record.joinCode === joinCode);
    return board ? { ...board.record } : null;
  }

  async listRecentBoards(limit: number, options: { accessMode?: AccessMode } = {}): Promise<BoardListing[]> {
    return [...this.boards.values()]
      .map((b) => b.record)
      .filter((record) => record.archivedAt === null && (!options.accessMode || record.accessMode === options.accessMode))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, limit)
      .map((record) => ({ ...record, sourceTitle: this.sources.get(record.sourceId)?.title ?? "" }));
  }

  async appendUpdate(boardId: string, update: Uint8Array, memberId: string | null = null): Promise<number> {
    const board = this.board(boardId);
    // Bump and insert in one synchronous step: sequence order is commit order, as in SQL.
    const at = this.now();
    const seq = ++board.record.updateSeq;
    board.record.updatedAt = at;
    board.log.push({ seq, data: copy(update), memberId, createdAt: at });
    return seq;
  }

  async appendUpdates(boardId: string, entries: readonly NewLogEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const board = this.board(boardId);
    // All in one synchronous step, as the single statement in SQL: nothing can interleave.
    const at = this.now();
    board.record.updatedAt = at;
    return entries.map(({ update, memberId }) => {
      const seq = ++board.record.updateSeq;
      board.log.push({ seq, data: copy(update), memberId, createdAt: at });
      return seq;
    });
  }

  async loadHistory(boardId: string): Promise<HistoryEntry[]> {
    const board = this.boards.get(boardId);
    if (!board) return [];
    const seen = new Set(board.folded.map((e) => e.seq));
    return [...board.folded, ...board.log.filter((e) => !seen.has(e.seq))].map((e) => ({ ...e, data: copy(e.data) }));
  }

  async loadBoardState(boardId: string): Promise<StoredBoardState> {
    const board = this.board(boardId);
    const parts = [...(board.snapshot ? [board.snapshot.data] : []), ...board.log.map((e) => e.data)].map(copy);
    return { parts, logLength: board.log.length, latestSeq: board.record.updateSeq };
  }

  async loadUpdatesAfter(boardId: string, afterSeq: number): Promise<UpdatesAfter> {
    const board = this.board(boardId);
    const entries = board.log.filter((e) => e.seq > afterSeq).map((e) => ({ seq: e.seq, data: copy(e.data) }));
    // As in SQL: the snapshot stands in only for entries after afterSeq that compaction folded away.
    if ((entries.length > 0 && entries[0].seq === afterSeq + 1) || !board.snapshot || board.snapshot.upToSeq <= afterSeq) return { snapshot: null, entries };
    return { snapshot: { upToSeq: board.snapshot.upToSeq, data: copy(board.snapshot.data) }, entries };
  }

  /** Accepts a synchronous or an asynchronous `merge`; appends that arrive while it runs stay in the log. */
  async compact(boardId: string, merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>): Promise<CompactionResult | null> {
    const board = this.boards.get(boardId);
    if (!board) return null;
    const run = board.compacting.then(async (): Promise<CompactionResult | null> => {
      const updates = [...board.log];
      if (updates.length === 0) return null;
      const upToSeq = updates[updates.length - 1].seq;
      const data = copy(await merge([...(board.snapshot ? [board.snapshot.data] : []), ...updates.map((e) => e.data)].map(copy)));
      // Snapshot, history and log change together, with no await in between: a reader sees before or after.
      board.snapshot = { data, upToSeq };
      const folded = new Set(board.folded.map((e) => e.seq));
      board.folded.push(...updates.filter((e) => !folded.has(e.seq)));
      board.log = board.log.filter((e) => e.seq > upToSeq);
      return { foldedUpdates: updates.length, snapshotBytes: data.byteLength, upToSeq };
    });
    board.compacting = run.catch(() => undefined);
    return run;
  }

  /** A rating left out keeps its earlier value; null clears it (VoteCast). */
  async castVote(boardId: string, vote: VoteCast): Promise<void> {
    const board = this.board(boardId, "storage");
    const at = this.now();
    const earlier = board.votes.get(voteKey(vote));
    const merged: VoteRecord = {
      argumentId: vote.argumentId,
      memberId: vote.memberId,
      strength: vote.strength === undefined ? (earlier?.strength ?? null) : vote.strength,
      quoteSupport: vote.quoteSupport === undefined ? (earlier?.quoteSupport ?? null) : vote.quoteSupport,
      at,
    };
    board.votes.set(voteKey(vote), merged);
    board.voteEvents.push({ ...merged });
  }

  async listVotes(boardId: string): Promise<VoteRecord[]> {
    return [...(this.boards.get(boardId)?.votes.values() ?? [])].map((v) => ({ ...v }));
  }

  async listVoteEvents(boardId: string): Promise<VoteRecord[]> {
    return (this.boards.get(boardId)?.voteEvents ?? []).map((v) => ({ ...v }));
  }

  async saveDraft(draft: Omit<DraftRecord, "updatedAt">): Promise<void> {
    const at = this.now();
    const owner = [...this.boards.values()].find((b) => b.drafts.has(draft.id));
    const existing = owner?.drafts.get(draft.id);
    if (owner && existing) {
      // As in SQL, a saved draft keeps its board and author; only its content and team change.
      owner.drafts.set(draft.id, { ...existing, record: clone(draft.record), teamId: draft.teamId, personal: draft.personal ?? existing.personal, updatedAt: at });
      return;
    }
    const board = this.board(draft.boardId, "storage");
    board.drafts.set(draft.id, { ...draft, personal: draft.personal ?? false, record: clone(draft.record), createdAt: at, updatedAt: at });
  }

  async deleteDrafts(boardId: string, ids: string[]): Promise<void> {
    const drafts = this.boards.get(boardId)?.drafts;
    for (const id of ids) drafts?.delete(id);
  }

  async listDrafts(boardId: string): Promise<DraftRecord[]> {
    const drafts = [...(this.boards.get(boardId)?.drafts.values() ?? [])].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return drafts.map(({ createdAt: _created, ...d }) => ({ ...d, record: clone(d.record) }));
  }

  async createMember(input: { id: string; boardId: string; role: string; displayName: string; tokenHash: string }): Promise<MemberRecord> {
    this.board(input.boardId, "storage");
    return this.people.create(input);
  }

  async findMemberByTokenHash(tokenHash: string, options: { includeRemoved?: boolean } = {}): Promise<MemberRecord | null> {
    return this.people.findByTokenHash(tokenHash, options.includeRemoved);
  }

  async renameMember(memberId: string, displayName: string): Promise<void> {
    this.people.rename(memberId, displayName);
  }

  async listMembers(boardId: string): Promise<MemberRecord[]> {
    return this.people.list(boardId);
  }

  async findInvite(token: string): Promise<InviteRecord | null> {
    return this.people.findInvite(token);
  }

  async listInvites(boardId: string): Promise<InviteRecord[]> {
    return this.people.listInvites(boardId);
  }

  async removeMember(boardId: string, memberId: string): Promise<MemberRecord> {
    this.board(boardId);
    return this.people.remove(boardId, memberId);
  }

  async changeMember(boardId: string, memberId: string, change: MemberChange): Promise<MemberRecord> {
    this.board(boardId);
    return this.people.change(boardId, memberId, change);
  }

  async reissueInvites(boardId: string, reissue: InviteReissue): Promise<BoardRecord> {
    const board = this.board(boardId);
    // Every check before the first change, as one transaction would.
    if (reissue.joinCode !== undefined && [...this.boards.values()].some((b) => b !== board && b.record.joinCode === reissue.joinCode)) {
      throw new ParleyError("invalid-content", "That join code is taken; try again.");
    }
    this.people.reissue(boardId, reissue.invites);
    if (reissue.joinCode !== undefined) board.record.joinCode = reissue.joinCode;
    return { ...board.record };
  }

  async setBoardArchived(boardId: string, archivedAt: Date | null): Promise<BoardRecord> {
    const board = this.board(boardId);
    board.record.archivedAt = archivedAt;
    return { ...board.record };
  }

  async listSourceRevisions(boardId: string): Promise<SourceRevisionRecord[]> {
    const board = this.board(boardId);
    if (board.revisions.length > 0) return board.revisions.map((r) => ({ ...r }));
    const source = this.sources.get(board.record.sourceId);
    return [{ revision: 1, sourceId: board.record.sourceId, sha256: source?.sha256 ?? "", memberId: null, createdAt: board.record.createdAt }];
  }

  async recordSourceRevision(boardId: string, input: NewSourceRevision): Promise<SourceRevisionRecord & { seq: number }> {
    const existing = await this.listSourceRevisions(boardId);
    // From here on synchronous, as one transaction in SQL: the revision, the source and the update together.
    const latest = existing[existing.length - 1];
    if (latest.revision !== input.baseRevision) {
      throw new ParleyError("stale-revision", `The source is at revision ${latest.revision} now, not ${input.baseRevision}: review the plan again.`);
    }
    const source = this.sources.get(input.sourceId);
    if (!source) throw refused(`There is no source document "${input.sourceId}".`);
    const board = this.board(boardId);
    const at = this.now();
    const created: SourceRevisionRecord = { revision: latest.revision + 1, sourceId: source.id, sha256: source.sha256, memberId: input.memberId, createdAt: at };
    board.revisions = [...existing, created];
    board.record.sourceId = source.id;
    const seq = ++board.record.updateSeq;
    board.record.updatedAt = at;
    board.log.push({ seq, data: copy(input.update), memberId: input.memberId, createdAt: at });
    return { ...created, seq };
  }

  async deleteBoard(boardId: string): Promise<boolean> {
    if (!this.boards.delete(boardId)) return false;
    this.people.forgetBoard(boardId);
    return true;
  }

  async close(): Promise<void> {}

  /** The board's data; a missing board is board-not-found, or (where SQL hits a foreign key) a refused write. */
  private board(id: string, missing: "not-found" | "storage" = "not-found"): BoardData {
    const board = this.boards.get(id);
    if (board) return board;
    if (missing === "storage") throw refused(`There is no board "${id}".`);
    throw new ParleyError("board-not-found", `There is no board "${id}".`);
  }

  /** Strictly increasing timestamps, so "most recent first" never ties within one millisecond. */
  private now(): Date {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime);
  }
}

function voteKey(vote: { argumentId: string; memberId: string }): string {
  return JSON.stringify([vote.argumentId, vote.memberId]);
}

/** Stored bytes never share a buffer with the caller, who may reuse theirs. */
function copy(data: Uint8Array): Uint8Array {
  return new Uint8Array(data);
}

/** Drafts are JSON in SQL: a stored one is a copy the caller cannot change afterwards. */
function clone(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
