import { createHash } from "node:crypto";
import { ParleyError } from "../../lib/errors/errors";
import type {
  AccessMode,
  BoardAccess,
  BoardListing,
  BoardRecord,
  BoardStore,
  CompactionResult,
  DraftRecord,
  HistoryEntry,
  InviteRecord,
  InviteReissue,
  MemberChange,
  MemberRecord,
  NewBoard,
  NewLogEntry,
  NewSourceDocument,
  SourceDocumentRecord,
  SourceRevisionRecord,
  NewSourceRevision,
  StoredBoardState,
  UpdatesAfter,
  VoteCast,
  VoteRecord,
} from "./board-store";
import type { Database, DirectQuery } from "./connect";
import { storage } from "./storage-errors";
import { entriesOf, fromBase64, intsOf, readSnapshotAndLog } from "./stored-log";
import { listSourceRevisionsIn, recordSourceRevisionIn } from "./source-revisions";
import { changeMemberInTransaction, MEMBER_FIELDS, reissueInvitesInTransaction, removeMemberInTransaction } from "./member-admin";

/** BoardStore over Prisma; the same code serves PostgreSQL and PGlite through their driver adapters. */
export class PrismaBoardStore implements BoardStore {
  readonly kind;
  private readonly prisma;

  private readonly direct: DirectQuery | null;

  constructor(database: Pick<Database, "kind" | "prisma"> & Partial<Pick<Database, "direct">>) {
    this.kind = database.kind;
    this.prisma = database.prisma;
    this.direct = database.direct ?? null;
  }

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }

  async ensureSourceDocument(input: NewSourceDocument): Promise<SourceDocumentRecord> {
    const sha256 = createHash("sha256").update(input.text, "utf8").digest("hex");
    return storage(() =>
      this.prisma.sourceDocument.upsert({
        where: { sha256 },
        // An existing document is returned untouched: its text is immutable once used.
        update: {},
        create: { id: `src-${sha256.slice(0, 16)}`, sha256, ...input },
      }),
    );
  }

  getSourceDocument(id: string): Promise<SourceDocumentRecord | null> {
    return storage(() => this.prisma.sourceDocument.findUnique({ where: { id } }));
  }

  async createBoard(input: NewBoard): Promise<BoardRecord> {
    const boardId = input.id;
    const invites = input.invites ?? [];
    const members = input.members ?? [];
    const votes = input.votes ?? [];
    // One multi-row insert per table, sent as one batch transaction: an imported lesson carries
    // hundreds of ballots, and row-by-row inserts in an interactive transaction outran its time limit.
    // Vote events are numbered in the order given, so the history keeps the file's order.
    const [board] = await storage(() =>
      this.prisma.$transaction([
        this.prisma.board.create({
          data: { id: boardId, title: input.title, joinCode: input.joinCode, sourceId: input.sourceId, updateSeq: 1, accessMode: input.accessMode ?? "open" },
        }),
        this.prisma.boardUpdate.create({ data: { boardId, seq: 1, data: bytes(input.initialUpdate) } }),
        this.prisma.boardInvite.createMany({ data: invites.map((invite) => ({ ...invite, boardId })) }),
        this.prisma.boardMember.createMany({ data: members.map((member) => ({ ...member, boardId })) }),
        this.prisma.vote.createMany({
          data: votes.map(({ argumentId, memberId, strength, quoteSupport, at }) => ({ boardId, argumentId, memberId, strength, quoteSupport, updatedAt: at })),
        }),
        this.prisma.voteEvent.createMany({
          data: votes.map(({ argumentId, memberId, strength, quoteSupport, at }) => ({ boardId, argumentId, memberId, strength, quoteSupport, createdAt: at })),
        }),
      ]),
    );
    return board;
  }

  getBoard(id: string): Promise<BoardRecord | null> {
    return storage(() => this.prisma.board.findUnique({ where: { id } }));
  }

  getBoardAccess(id: string): Promise<BoardAccess | null> {
    return storage(() => this.prisma.board.findUnique({ where: { id }, select: { id: true, joinCode: true, accessMode: true } }));
  }

  getBoardByJoinCode(joinCode: string): Promise<BoardRecord | null> {
    return storage(() => this.prisma.board.findUnique({ where: { joinCode } }));
  }

  async listRecentBoards(limit: number, options: { accessMode?: AccessMode } = {}): Promise<BoardListing[]> {
    // Archived boards are put away: never listed.
    const where = { archivedAt: null, ...(options.accessMode ? { accessMode: options.accessMode } : {}) };
    const rows = await storage(() =>
      this.prisma.board.findMany({ where, orderBy: { updatedAt: "desc" }, take: limit, include: { source: { select: { title: true } } } }),
    );
    return rows.map(({ source, ...board }) => ({ ...board, sourceTitle: source.title }));
  }

  async appendUpdate(boardId: string, update: Uint8Array, memberId: string | null = null): Promise<number> {
    const [seq] = await this.appendUpdates(boardId, [{ update, memberId }]);
    return seq;
  }

  async appendUpdates(boardId: string, entries: readonly NewLogEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    // Every group commit runs this: on PostgreSQL it goes straight to the driver (Database.direct).
    const { sql, params } = appendStatement(boardId, entries);
    const rows = await storage(() => (this.direct ? this.direct<{ seq: number }>(sql, params) : this.prisma.$queryRawUnsafe<{ seq: number }[]>(sql, ...params)));
    if (rows.length === 0) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
  }

  /** The snapshot and the log in one statement, bytes as base64 (see stored-log.ts). */
  async loadBoardState(boardId: string): Promise<StoredBoardState> {
    const { latestSeq, snapshot, entries } = await storage(() => readSnapshotAndLog(this.prisma, boardId));
    if (latestSeq === null) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const parts = snapshot === null ? entries : [snapshot.data, ...entries];
    return { parts, logLength: entries.length, latestSeq };
  }

  /**
   * One statement, so one view of the database (as loadBoardState): the log after `afterSeq` as one
   * base64 concatenation, and the latest snapshot only when compaction folded the start of that range.
   */
  async loadUpdatesAfter(boardId: string, afterSeq: number): Promise<UpdatesAfter> {
    const rows = await storage(
      () => this.prisma.$queryRaw<{ snapshot_up_to_seq: number | null; snapshot: string | null; log: string | null; log_lengths: string | null; log_seqs: string | null }[]>`
        WITH log AS (
          SELECT "seq", "data" FROM "board_updates" WHERE "board_id" = ${boardId} AND "seq" > ${afterSeq}::int
        ), snapshot AS (
          -- The log is contiguous from the latest snapshot on; if it does not start right after afterSeq,
          -- compaction folded the start of the range and only the snapshot still stands for it.
          SELECT "up_to_seq", "data" FROM "board_snapshots" WHERE "board_id" = ${boardId}
            AND NOT EXISTS (SELECT 1 FROM log WHERE "seq" = ${afterSeq}::int + 1)
          ORDER BY "up_to_seq" DESC LIMIT 1
        )
        SELECT (SELECT "up_to_seq" FROM snapshot WHERE "up_to_seq" > ${afterSeq}::int) AS snapshot_up_to_seq,
          (SELECT encode("data", 'base64') FROM snapshot WHERE "up_to_seq" > ${afterSeq}::int) AS snapshot,
          (SELECT encode(string_agg("data", ''::bytea ORDER BY "seq"), 'base64') FROM log) AS log,
          (SELECT encode(string_agg(int4send(octet_length("data")), ''::bytea ORDER BY "seq"), 'base64') FROM log) AS log_lengths,
          (SELECT encode(string_agg(int4send("seq"), ''::bytea ORDER BY "seq"), 'base64') FROM log) AS log_seqs
        FROM "boards" b WHERE b."id" = ${boardId}`,
    );
    if (rows.length === 0) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const row = rows[0];
    const data = entriesOf(row.log, row.log_lengths);
    const entries = intsOf(row.log_seqs).map((seq, index) => ({ seq, data: data[index] }));
    if (row.snapshot === null) return { snapshot: null, entries };
    const snapshot = { upToSeq: Number(row.snapshot_up_to_seq), data: fromBase64(row.snapshot) };
    return { snapshot, entries: entries.filter((entry) => entry.seq > snapshot.upToSeq) };
  }

  /**
   * Folds outside any lock: read the latest snapshot and the log after it (appends carry on), fold
   * (`merge` may run in a worker), copy the folded entries to the history, then one short transaction
   * under the board's row lock writes the snapshot and drops the folded entries, but only if the
   * snapshot we folded from is still the latest; otherwise another compaction won the race and this
   * one gives up quietly (null). The row lock stalls this board's appends, so it is held for one
   * statement: nothing that can be done before it (the history copy) is done under it.
   */
  async compact(boardId: string, merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>): Promise<CompactionResult | null> {
    // One statement (stored-log.ts): the latest snapshot and the whole log after it. Committed sequence
    // numbers always form a prefix (appends bump them under the row lock), so this is the log from the
    // snapshot up to its last entry, even while appends go on.
    const { snapshot: base, entries, lastSeq } = await storage(() => readSnapshotAndLog(this.prisma, boardId));
    if (lastSeq === null || entries.length === 0) return null;
    const upToSeq = lastSeq;
    const data = await merge(base ? [base.data, ...entries] : entries);
    // Folded entries leave the log (so loading stays fast) but not the history (the replay needs them).
    // Copied first, without the lock: committed entries never change, a copy is idempotent, and the
    // history reader skips an entry found in both tables, so a compaction that then gives up harms nothing.
    await storage(
      () => this.prisma.$executeRaw`
        INSERT INTO "board_update_history" ("board_id", "seq", "data", "member_id", "created_at")
        SELECT "board_id", "seq", "data", "member_id", "created_at" FROM "board_updates"
        WHERE "board_id" = ${boardId} AND "seq" <= ${upToSeq}
        ON CONFLICT DO NOTHING`,
    );
    const baseId = base?.id ?? null;
    return storage(() =>
      this.prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "boards" WHERE "id" = ${boardId} FOR UPDATE`;
        if (locked.length === 0) return null;
        // Under the lock, one statement: the snapshot goes in only if ours was folded from the latest
        // (read afresh, after any compaction that held the lock before us), and only then do the
        // entries it folded and the snapshots it supersedes go.
        const written = await tx.$queryRaw<{ id: bigint }[]>`
          WITH inserted AS (
            INSERT INTO "board_snapshots" ("board_id", "data", "up_to_seq")
            SELECT ${boardId}, ${bytes(data)}::bytea, ${upToSeq}::int
            WHERE (SELECT "id" FROM "board_snapshots" WHERE "board_id" = ${boardId} ORDER BY "up_to_seq" DESC LIMIT 1) IS NOT DISTINCT FROM ${baseId}::bigint
            RETURNING "id"
          ), folded AS (
            DELETE FROM "board_updates" WHERE "board_id" = ${boardId} AND "seq" <= ${upToSeq}::int AND EXISTS (SELECT 1 FROM inserted)
          ), superseded AS (
            DELETE FROM "board_snapshots" WHERE "board_id" = ${boardId} AND "up_to_seq" < ${upToSeq}::int AND EXISTS (SELECT 1 FROM inserted)
          )
          SELECT "id" FROM inserted`;
        if (written.length === 0) return null;
        return { foldedUpdates: entries.length, snapshotBytes: data.byteLength, upToSeq };
      }),
    );
  }

  /**
   * The folded history, then the live log entries it lacks, in one statement (so one view of the
   * database), bytes as one base64 concatenation and the rest as JSON: 4,000 entries read as Prisma
   * rows took ~42 ms of event-loop CPU. Copies are always of a prefix of the log, so ordering the whole
   * by seq is the folded entries first, then the rest.
   */
  async loadHistory(boardId: string): Promise<HistoryEntry[]> {
    const rows = await storage(
      () => this.prisma.$queryRaw<{ log: string | null; log_lengths: string | null; meta: string | [number, string | null, number][] | null }[]>`
        WITH folded AS (
          SELECT "seq", "data", "member_id", "created_at" FROM "board_update_history" WHERE "board_id" = ${boardId}
        ), entries AS (
          SELECT * FROM folded
          UNION ALL
          SELECT "seq", "data", "member_id", "created_at" FROM "board_updates" live
          WHERE "board_id" = ${boardId} AND NOT EXISTS (SELECT 1 FROM folded WHERE folded."seq" = live."seq")
        )
        SELECT encode(string_agg("data", ''::bytea ORDER BY "seq"), 'base64') AS log,
          encode(string_agg(int4send(octet_length("data")), ''::bytea ORDER BY "seq"), 'base64') AS log_lengths,
          json_agg(json_build_array("seq", "member_id", floor(extract(epoch FROM "created_at") * 1000)) ORDER BY "seq")::text AS meta
        FROM entries`,
    );
    const { log, log_lengths, meta } = rows[0];
    const data = entriesOf(log, log_lengths);
    const described = meta === null ? [] : typeof meta === "string" ? (JSON.parse(meta) as [number, string | null, number][]) : meta;
    return described.map(([seq, memberId, ms], index) => ({ seq, data: data[index], memberId, createdAt: new Date(ms) }));
  }

  async castVote(boardId: string, vote: VoteCast): Promise<void> {
    const { argumentId, memberId } = vote;
    const strength = vote.strength ?? null;
    const quoteSupport = vote.quoteSupport ?? null;
    // The history row records the ballot as merged, so both tables always agree.
    await storage(
      () => this.prisma.$executeRaw`
        WITH cast_vote AS (
          INSERT INTO "votes" ("board_id", "argument_id", "member_id", "strength", "quote_support", "updated_at")
          VALUES (${boardId}, ${argumentId}, ${memberId}, ${strength}::integer, ${quoteSupport}::integer, now())
          ON CONFLICT ("board_id", "argument_id", "member_id") DO UPDATE SET
            "strength" = CASE WHEN ${vote.strength === undefined}::boolean THEN "votes"."strength" ELSE EXCLUDED."strength" END,
            "quote_support" = CASE WHEN ${vote.quoteSupport === undefined}::boolean THEN "votes"."quote_support" ELSE EXCLUDED."quote_support" END,
            "updated_at" = now()
          RETURNING "board_id", "argument_id", "member_id", "strength", "quote_support"
        )
        INSERT INTO "vote_events" ("board_id", "argument_id", "member_id", "strength", "quote_support")
        SELECT "board_id", "argument_id", "member_id", "strength", "quote_support" FROM cast_vote`,
    );
  }

  async listVotes(boardId: string): Promise<VoteRecord[]> {
    const rows = await storage(() => this.prisma.vote.findMany({ where: { boardId } }));
    return rows.map((r) => ({ argumentId: r.argumentId, memberId: r.memberId, strength: r.strength, quoteSupport: r.quoteSupport, at: r.updatedAt }));
  }

  async listVoteEvents(boardId: string): Promise<VoteRecord[]> {
    const rows = await storage(() => this.prisma.voteEvent.findMany({ where: { boardId }, orderBy: { id: "asc" } }));
    return rows.map((r) => ({ argumentId: r.argumentId, memberId: r.memberId, strength: r.strength, quoteSupport: r.quoteSupport, at: r.createdAt }));
  }

  async saveDraft(draft: Omit<DraftRecord, "updatedAt">): Promise<void> {
    const record = draft.record as object;
    await storage(() =>
      this.prisma.draft.upsert({
        where: { id: draft.id },
        create: { id: draft.id, boardId: draft.boardId, teamId: draft.teamId, memberId: draft.memberId, personal: draft.personal ?? false, record },
        update: { record, teamId: draft.teamId, personal: draft.personal },
      }),
    );
  }

  async deleteDrafts(boardId: string, ids: string[]): Promise<void> {
    await storage(() => this.prisma.draft.deleteMany({ where: { boardId, id: { in: ids } } }));
  }

  async listDrafts(boardId: string): Promise<DraftRecord[]> {
    return storage(() => this.prisma.draft.findMany({ where: { boardId }, orderBy: { createdAt: "asc" } }));
  }

  createMember(input: { id: string; boardId: string; role: string; displayName: string; tokenHash: string }): Promise<MemberRecord> {
    return storage(() => this.prisma.boardMember.create({ data: input, select: MEMBER_FIELDS }));
  }

  async findMemberByTokenHash(tokenHash: string, options: { includeRemoved?: boolean } = {}): Promise<MemberRecord | null> {
    const member = await storage(() => this.prisma.boardMember.findUnique({ where: { tokenHash }, select: MEMBER_FIELDS }));
    // A removed member's token opens nothing, wherever it is checked.
    return member && (member.removedAt === null || options.includeRemoved) ? member : null;
  }

  async renameMember(memberId: string, displayName: string): Promise<void> {
    await storage(() => this.prisma.boardMember.update({ where: { id: memberId }, data: { displayName } }));
  }

  listMembers(boardId: string): Promise<MemberRecord[]> {
    return storage(() => this.prisma.boardMember.findMany({ where: { boardId }, orderBy: { createdAt: "asc" }, select: MEMBER_FIELDS }));
  }

  findInvite(token: string): Promise<InviteRecord | null> {
    return storage(() => this.prisma.boardInvite.findUnique({ where: { token } }));
  }

  listInvites(boardId: string): Promise<InviteRecord[]> {
    return storage(() => this.prisma.boardInvite.findMany({ where: { boardId, revokedAt: null }, orderBy: { createdAt: "asc" } }));
  }

  // ── Teacher actions ────────────────────────────────────────────────────────────────────────────────

  removeMember(boardId: string, memberId: string): Promise<MemberRecord> {
    return storage(() => this.prisma.$transaction((tx) => removeMemberInTransaction(tx, boardId, memberId)));
  }

  changeMember(boardId: string, memberId: string, change: MemberChange): Promise<MemberRecord> {
    return storage(() => this.prisma.$transaction((tx) => changeMemberInTransaction(tx, boardId, memberId, change)));
  }

  reissueInvites(boardId: string, reissue: InviteReissue): Promise<BoardRecord> {
    return storage(() => this.prisma.$transaction((tx) => reissueInvitesInTransaction(tx, boardId, reissue)));
  }

  async setBoardArchived(boardId: string, archivedAt: Date | null): Promise<BoardRecord> {
    const rows = await storage(() => this.prisma.board.updateManyAndReturn({ where: { id: boardId }, data: { archivedAt } }));
    if (rows.length === 0) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    return rows[0];
  }

  listSourceRevisions(boardId: string): Promise<SourceRevisionRecord[]> {
    return storage(() => this.prisma.$transaction((tx) => listSourceRevisionsIn(tx, boardId)));
  }

  recordSourceRevision(boardId: string, input: NewSourceRevision): Promise<SourceRevisionRecord & { seq: number }> {
    return storage(() => this.prisma.$transaction((tx) => recordSourceRevisionIn(tx, boardId, input)));
  }

  async deleteBoard(boardId: string): Promise<boolean> {
    // Every table that names the board cascades from it (schema.prisma), so one statement removes it all.
    const { count } = await storage(() => this.prisma.board.deleteMany({ where: { id: boardId } }));
    return count > 0;
  }

  close(): Promise<void> {
    return this.prisma.$disconnect();
  }
}

/**
 * Appends entries to a board's log in one statement. Bumping boards.update_seq takes the board's row
 * lock before the log rows exist and reserves the whole range, so sequence order equals commit order
 * (compaction, holding the same lock, can never skip an entry) and a batch's seqs are consecutive;
 * the rows go in one multi-row insert. Parameters: $1 the board, $2 the count, then bytes and member
 * of each entry; the ordinals are our own integers.
 */
function appendStatement(boardId: string, entries: readonly NewLogEntry[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [boardId, entries.length];
  const rows = entries.map(({ update, memberId }, index) => {
    params.push(bytes(update), memberId ?? null);
    return `(${index + 1}::int, $${params.length - 1}::bytea, $${params.length}::text)`;
  });
  const sql = `WITH bumped AS (
      UPDATE "boards" SET "update_seq" = "update_seq" + $2::int, "updated_at" = now()
      WHERE "id" = $1 RETURNING "update_seq"
    ), batch ("ordinal", "data", "member_id") AS (VALUES ${rows.join(", ")})
    INSERT INTO "board_updates" ("board_id", "seq", "data", "member_id")
    SELECT $1, bumped."update_seq" - $2::int + batch."ordinal", batch."data", batch."member_id"
    FROM bumped CROSS JOIN batch
    RETURNING "seq"`;
  return { sql, params };
}

/** Prisma's Bytes fields want a Uint8Array over a plain ArrayBuffer. */
function bytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
}
