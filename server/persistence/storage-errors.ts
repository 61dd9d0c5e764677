import { randomUUID } from "node:crypto";
import { ParleyError } from "../../lib/errors/errors";

/**
 * Tells a database that is not there from a database that said no. Only the first is worth retrying:
 * "unavailable" means the statement never committed because the connection, the server or its
 * resources failed; "refused" means PostgreSQL ran it and rejected it (a constraint, a trigger, bad
 * SQL — a bug), which will happen again however often the client resends.
 */
export type StorageFailure = "unavailable" | "refused";

/** What a failure looked like, for the log line that accompanies a refusal. */
export interface StorageFailureCause {
  /** SQLSTATE when PostgreSQL answered, else the Prisma or Node error code, else null. */
  code: string | null;
  message: string;
}

/** Conflicts PostgreSQL asks the client to retry; `storage()` reruns the work a few times first. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(["40001", "40P01"]);

// SQLSTATE classes and codes that mean the connection or the server failed, not the statement:
// 08 connection exception, 53 insufficient resources, 57P01-57P03 shutdown / cannot connect now,
// 3D000 the database is gone, 28 authentication (the configuration, not the data).
const UNAVAILABLE_CLASSES = ["08", "53", "28"];
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "3D000", ...RETRYABLE_SQLSTATES]);

// Driver-adapter error kinds (@prisma/driver-adapter-utils) that describe the connection.
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
  "TlsConnectionError",
  "AuthenticationFailed",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
]);

// Prisma's own codes for connection trouble: P1xxx (cannot reach, timed out, closed), P2024 (no
// connection from the pool in time), P2028 (the interactive transaction expired or was closed
// under us, e.g. the connection dropped mid-transaction).
const UNAVAILABLE_PRISMA_CODES = /^(P1\d{3}|P2024|P2028)$/;

const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);

// Errors from pg, its pool and PGlite that carry no code, recognisable only by their message.
const UNAVAILABLE_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection error/i, /pool after calling end/i, /PGlite is closed/i];

interface AdapterCause {
  kind?: unknown;
  originalCode?: unknown;
  code?: unknown;
  severity?: unknown;
  originalMessage?: unknown;
  message?: unknown;
}

/** Classifies any error thrown by a Prisma call (with the pg or PGlite adapter) or by the drivers. */
export function classifyStorageError(error: unknown): StorageFailure {
  if (typeof error !== "object" || error === null) return "refused";
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (name === "PrismaClientInitializationError") return "unavailable";
  const cause = adapterCause(error);
  if (cause) {
    if (typeof cause.kind === "string" && UNAVAILABLE_KINDS.has(cause.kind)) return "unavailable";
    // FATAL and PANIC end the session: whatever the code, the connection is gone (e.g. 55000, "the
    // database is not accepting connections").
    if (cause.severity === "FATAL" || cause.severity === "PANIC") return "unavailable";
    const sqlstate = sqlstateOf(cause);
    if (sqlstate) return isUnavailableSqlstate(sqlstate) ? "unavailable" : "refused";
  }
  if (typeof code === "string") {
    if (UNAVAILABLE_PRISMA_CODES.test(code) || UNAVAILABLE_NODE_CODES.has(code) || isUnavailableSqlstate(code)) return "unavailable";
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return "unavailable";
  return "refused";
}

/** Whether `storage()` should simply run the work again (a serialization failure or a deadlock). */
export function isRetryableConflict(error: unknown): boolean {
  const cause = adapterCause(error);
  const sqlstate = cause ? sqlstateOf(cause) : (error as { code?: unknown } | null)?.code;
  return typeof sqlstate === "string" && RETRYABLE_SQLSTATES.has(sqlstate);
}

/** The code and message worth logging: PostgreSQL's own when it answered, not Prisma's wrapper. */
export function storageFailureCause(error: unknown): StorageFailureCause {
  const cause = adapterCause(error);
  const code = (cause && sqlstateOf(cause)) ?? (error as { code?: unknown } | null)?.code;
  const message = cause?.originalMessage ?? cause?.message ?? (error as { message?: unknown } | null)?.message;
  return { code: typeof code === "string" ? code : null, message: typeof message === "string" ? message.trim() : String(error) };
}

function isUnavailableSqlstate(sqlstate: string): boolean {
  return UNAVAILABLE_SQLSTATES.has(sqlstate) || UNAVAILABLE_CLASSES.includes(sqlstate.slice(0, 2));
}

/**
 * PostgreSQL's error as the driver adapter passed it on (Prisma keeps it in meta.driverAdapterError),
 * or pg's own error when the statement went straight to the driver (it carries a severity).
 */
function adapterCause(error: unknown): AdapterCause | null {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: unknown } } } | null)?.meta;
  const cause = meta?.driverAdapterError?.cause ?? (error as { cause?: unknown } | null)?.cause;
  if (typeof cause === "object" && cause !== null) return cause as AdapterCause;
  return typeof (error as AdapterCause | null)?.severity === "string" ? (error as AdapterCause) : null;
}

function sqlstateOf(cause: AdapterCause): string | null {
  const sqlstate = cause.originalCode ?? cause.code;
  return typeof sqlstate === "string" && /^[0-9A-Z]{5}$/.test(sqlstate) ? sqlstate : null;
}

/** Attempts a statement gets when PostgreSQL reports a serialization failure or a deadlock. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Runs a database call (again, on a serialization failure or deadlock: the work is one statement or
 * one transaction, rolled back as a whole). A connection-level failure becomes `storage-unavailable`
 * (retryable); anything PostgreSQL refused, or a bug, becomes `storage-refused` and is logged with its
 * cause. Either way nothing was saved.
 */
export async function storage<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (ParleyError.is(error)) throw error;
      if (attempt < CONFLICT_ATTEMPTS && isRetryableConflict(error)) continue;
      throw storageError(error);
    }
  }
}

function storageError(error: unknown): ParleyError {
  const reference = randomUUID().slice(0, 8);
  const cause = storageFailureCause(error);
  if (classifyStorageError(error) === "unavailable") {
    console.error(`[parley] database unavailable ${reference}: ${cause.code ?? "-"} ${cause.message}`);
    return new ParleyError("storage-unavailable", `The database is not available right now (ref ${reference}). Nothing was lost; try again shortly.`);
  }
  // The cause (constraint, trigger message) stays in the log: it can name tables and values.
  console.error(`[parley] database refused ${reference}: ${cause.code ?? "-"} ${cause.message}`, error);
  return new ParleyError("storage-refused", `The database refused this change (ref ${reference}); it was not saved. Trying again will not help: please report the reference.`);
}
