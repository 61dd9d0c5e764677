import { ParleyError } from "../../lib/errors/errors";
import type { PrismaClient } from "./generated/client";

/**
 * Reading a board's stored bytes in one statement, as base64, with the log as one concatenation.
 * Prisma decodes a Bytes value per row (hex, then a copy), which on the event loop that serves live
 * boards cost more than the database itself: 4,000 log rows read as rows took ~33 ms of CPU, as one
 * base64 value ~13 ms. One statement also means one view of the database: a compaction (whose snapshot
 * write and log delete are one statement) is seen whole or not at all, with no transaction or lock.
 */

/** The latest snapshot and the whole log after it, as one statement sees them. */
export interface SnapshotAndLog {
  /** Null when there is no such board. */
  latestSeq: number | null;
  snapshot: { id: bigint; upToSeq: number; data: Uint8Array } | null;
  /** The log after the snapshot, in sequence order (views of one buffer). */
  entries: Uint8Array[];
  /** The last entry's seq, or null when the log after the snapshot is empty. */
  lastSeq: number | null;
}

interface SnapshotAndLogRow {
  latest_seq: number | null;
  snapshot_id: bigint | null;
  snapshot_up_to_seq: number | null;
  snapshot: string | null;
  log: string | null;
  log_lengths: string | null;
  last_seq: number | null;
}

/** One statement: the board's sequence, its latest snapshot and every log entry after it. */
export async function readSnapshotAndLog(prisma: PrismaClient, boardId: string): Promise<SnapshotAndLog> {
  const rows = await prisma.$queryRaw<SnapshotAndLogRow[]>`
    WITH snapshot AS (
      SELECT "id", "up_to_seq", "data" FROM "board_snapshots" WHERE "board_id" = ${boardId} ORDER BY "up_to_seq" DESC LIMIT 1
    ), log AS (
      SELECT "seq", "data" FROM "board_updates"
      WHERE "board_id" = ${boardId} AND "seq" > COALESCE((SELECT "up_to_seq" FROM snapshot), 0)
    )
    SELECT (SELECT "update_seq" FROM "boards" WHERE "id" = ${boardId}) AS latest_seq,
      (SELECT "id" FROM snapshot) AS snapshot_id,
      (SELECT "up_to_seq" FROM snapshot) AS snapshot_up_to_seq,
      (SELECT encode("data", 'base64') FROM snapshot) AS snapshot,
      (SELECT encode(string_agg("data", ''::bytea ORDER BY "seq"), 'base64') FROM log) AS log,
      (SELECT encode(string_agg(int4send(octet_length("data")), ''::bytea ORDER BY "seq"), 'base64') FROM log) AS log_lengths,
      (SELECT max("seq") FROM log) AS last_seq`;
  const row = rows[0];
  const snapshot =
    row.snapshot === null || row.snapshot_id === null ? null : { id: BigInt(row.snapshot_id), upToSeq: Number(row.snapshot_up_to_seq), data: fromBase64(row.snapshot) };
  return {
    latestSeq: row.latest_seq === null ? null : Number(row.latest_seq),
    snapshot,
    entries: entriesOf(row.log, row.log_lengths),
    lastSeq: row.last_seq === null ? null : Number(row.last_seq),
  };
}

/**
 * The log's entries from its base64 concatenation and each entry's length (both null for no entries).
 * Lengths and sequence numbers come as int4send's 4 bytes each, concatenated and in base64: the driver
 * parsed a 4,000-element int[] one digit at a time, ~6 ms of CPU, more than decoding the bytes.
 */
export function entriesOf(log: string | null, lengths: string | null): Uint8Array[] {
  return splitConcatenated(log === null ? new Uint8Array(0) : fromBase64(log), intsOf(lengths));
}

/** Integers sent as concatenated int4send values in base64 (SQL: encode(string_agg(int4send(n), ''::bytea), 'base64')). */
export function intsOf(base64: string | null): number[] {
  if (base64 === null) return [];
  const bytes = fromBase64(base64);
  if (bytes.byteLength % 4 !== 0) throw new ParleyError("internal", `A stored integer list of ${bytes.byteLength} bytes is not a whole number of integers.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ints = new Array<number>(bytes.byteLength / 4);
  for (let index = 0; index < ints.length; index++) ints[index] = view.getInt32(index * 4);
  return ints;
}

/** PostgreSQL's encode(…, 'base64') breaks lines every 76 characters; Node's decoder skips them. */
export function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, "base64");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The entries of a concatenation, given each one's length, as views of it (no copies). */
export function splitConcatenated(joined: Uint8Array, lengths: readonly number[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const length of lengths) {
    parts.push(joined.subarray(offset, offset + Number(length)));
    offset += Number(length);
  }
  if (offset !== joined.byteLength) throw new ParleyError("internal", `The stored log did not add up: ${joined.byteLength} bytes for entries of ${offset}.`);
  return parts;
}
