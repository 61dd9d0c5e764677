/**
 * Which database failures are worth retrying. The error shapes are the ones Prisma 7 throws through
 * the pg adapter (recorded from a real PostgreSQL); tests/integration/sync-integrity-storage.test.ts
 * checks the same split end to end.
 */
import { describe, expect, it } from "vitest";
import { classifyStorageError, isRetryableConflict, storageFailureCause } from "@/server/persistence/storage-errors";

/** A PrismaClientKnownRequestError as the pg adapter reports PostgreSQL's answer. */
function fromPostgres(sqlstate: string, { severity = "ERROR", kind = "postgres", prismaCode = "P2010", message = "it failed" } = {}) {
  return Object.assign(new Error(`Raw query failed. Code: \`${sqlstate}\`.`), {
    name: "PrismaClientKnownRequestError",
    code: prismaCode,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: sqlstate, originalMessage: message, kind, code: sqlstate, severity, message } } },
  });
}

/** pg's own DatabaseError, as a statement run straight on the driver (Database.direct) throws it. */
function fromPg(sqlstate: string, severity = "ERROR") {
  return Object.assign(new Error("it failed"), { name: "error", code: sqlstate, severity });
}

describe("classifyStorageError", () => {
  it.each([
    ["23505 duplicate key", fromPostgres("23505", { kind: "UniqueConstraintViolation", prismaCode: "P2002" })],
    ["23514 check violation raised by a trigger", fromPostgres("23514", { prismaCode: "P2039" })],
    ["23503 foreign key", fromPostgres("23503", { kind: "ForeignKeyConstraintViolation", prismaCode: "P2003" })],
    ["P0001 RAISE EXCEPTION", fromPostgres("P0001")],
    ["42P01 a missing table (a bug)", fromPostgres("42P01", { kind: "TableDoesNotExist" })],
    ["a programming error", new TypeError("Cannot read properties of undefined (reading 'seq')")],
    ["a thrown string", "nope"],
    ["pg's own 23505 (a direct statement)", fromPg("23505")],
    ["pg's own 23514 from a trigger (a direct statement)", fromPg("23514")],
  ])("refuses on %s", (_label, error) => {
    expect(classifyStorageError(error)).toBe("refused");
  });

  it.each([
    ["57P01 terminated by the administrator", fromPostgres("57P01", { severity: "FATAL" })],
    ["55000 FATAL: the database is not accepting connections", fromPostgres("55000", { severity: "FATAL", prismaCode: "P2039" })],
    ["08006 connection failure", fromPostgres("08006")],
    ["53300 too many connections", fromPostgres("53300", { kind: "TooManyConnections" })],
    ["40001 serialization failure (after the retries)", fromPostgres("40001", { kind: "TransactionWriteConflict" })],
    ["40P01 deadlock (after the retries)", fromPostgres("40P01")],
    ["3D000 the database was dropped", fromPostgres("3D000", { kind: "DatabaseDoesNotExist" })],
    ["ECONNREFUSED through the adapter", { name: "PrismaClientKnownRequestError", code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }],
    ["ECONNRESET from node", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["an expired interactive transaction (P2028)", Object.assign(new Error("Transaction API error"), { name: "PrismaClientKnownRequestError", code: "P2028" })],
    ["a pool timeout (P2024)", Object.assign(new Error("Timed out fetching a new connection"), { name: "PrismaClientKnownRequestError", code: "P2024" })],
    ["pg's own connection loss", new Error("Connection terminated unexpectedly")],
    ["a closed PGlite", new Error("PGlite is closed")],
    ["pg's own FATAL 55000 (a direct statement to a database not accepting connections)", fromPg("55000", "FATAL")],
    ["pg's own 57P01 (a direct statement, terminated)", fromPg("57P01", "FATAL")],
    ["pg's own 40001 (a direct statement, after the retries)", fromPg("40001")],
    ["Prisma failing to start", Object.assign(new Error("Can't reach database server"), { name: "PrismaClientInitializationError" })],
  ])("calls %s unavailable", (_label, error) => {
    expect(classifyStorageError(error)).toBe("unavailable");
  });

  it("retries serialization failures and deadlocks, nothing else", () => {
    expect(isRetryableConflict(fromPostgres("40001"))).toBe(true);
    expect(isRetryableConflict(fromPostgres("40P01"))).toBe(true);
    expect(isRetryableConflict(fromPg("40P01"))).toBe(true); // pg's own, from a direct statement
    expect(isRetryableConflict(fromPostgres("23505"))).toBe(false);
    expect(isRetryableConflict(new Error("Connection terminated unexpectedly"))).toBe(false);
  });

  it("logs PostgreSQL's code and message rather than Prisma's wrapper", () => {
    expect(storageFailureCause(fromPostgres("P0001", { message: "board is archived" }))).toEqual({ code: "P0001", message: "board is archived" });
    expect(storageFailureCause(new Error(" plain "))).toEqual({ code: null, message: "plain" });
  });
});
