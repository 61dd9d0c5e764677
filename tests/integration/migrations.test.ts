/**
 * The migration runner against a real PostgreSQL: it keeps Prisma's `_prisma_migrations` bookkeeping,
 * applies each migration once, notices edited ones, and rolls a failing one back.
 */
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/server/persistence/migrate";
import { pgRunner, type SqlRunner } from "@/server/persistence/sql-runner";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { makeTempDir } from "./support/server";

/** Every migration in the repository, oldest first: the tests pin behaviour, not today's count. */
const MIGRATION_NAMES = readMigrations().map((m) => m.name);
const BOGUS = "20991231000000_bogus";

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

describe("migrate on PostgreSQL", () => {
  let db: TestDatabase;
  const runners: SqlRunner[] = [];
  const dirs: { remove(): void }[] = [];

  async function runner(): Promise<SqlRunner> {
    const opened = await pgRunner(db.url);
    runners.push(opened);
    return opened;
  }

  /** A copy of prisma/migrations that a test may change. */
  function migrationsCopy(): string {
    const dir = makeTempDir("parley-migrations-");
    dirs.push(dir);
    cpSync(MIGRATIONS_DIR, dir.path, { recursive: true });
    return dir.path;
  }

  const rows = () => queryDatabase<MigrationRow>(db.url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
    for (const dir of dirs.splice(0)) dir.remove();
  });
  afterAll(() => db?.drop());

  // The tests run in order on one database: fresh → applied → edited → failing.
  it("applies every migration to a fresh database and records Prisma's checksums", async () => {
    const report = await migrate(await runner());
    expect(report).toEqual({ applied: MIGRATION_NAMES, alreadyApplied: 0, modified: [] });

    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual(MIGRATION_NAMES);
    for (const row of recorded) {
      const file = readFileSync(join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }
    const tables = await queryDatabase<{ table_name: string }>(
      db.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "board_invites", "board_members", "board_snapshots", "board_source_revisions", "board_update_history", "board_updates", "boards", "drafts", "source_documents", "vote_events", "votes"]);
  });

  it("applies nothing the second time", async () => {
    expect(await migrate(await runner())).toEqual({ applied: [], alreadyApplied: MIGRATION_NAMES.length, modified: [] });
    expect(await rows()).toHaveLength(MIGRATION_NAMES.length);
  });

  it("applies each migration once when two servers migrate a fresh database at the same moment", async () => {
    const fresh = await createTestDatabase();
    try {
      const [a, b] = [await pgRunner(fresh.url), await pgRunner(fresh.url)];
      runners.push(a, b);
      const [one, two] = await Promise.all([migrate(a), migrate(b)]);
      expect([...one.applied, ...two.applied].sort()).toEqual(MIGRATION_NAMES);
      expect(await queryDatabase(fresh.url, `SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(MIGRATION_NAMES.length);
    } finally {
      await Promise.all(runners.splice(0).map((r) => r.close()));
      await fresh.drop();
    }
  });

  it("reports a migration edited after it was applied, without re-running it", async () => {
    const dir = migrationsCopy();
    appendFileSync(join(dir, MIGRATION_NAMES[0], "migration.sql"), "\n-- an innocent-looking edit\n");
    const report = await migrate(await runner(), readMigrations(dir));
    expect(report).toEqual({ applied: [], alreadyApplied: MIGRATION_NAMES.length, modified: [MIGRATION_NAMES[0]] });
  });

  it("rolls a failing migration back entirely and names it in the error", async () => {
    const dir = migrationsCopy();
    mkdirSync(join(dir, BOGUS));
    writeFileSync(
      join(dir, BOGUS, "migration.sql"),
      `CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n`,
    );
    await expect(migrate(await runner(), readMigrations(dir))).rejects.toThrow(new RegExp(`Migration ${BOGUS} failed: .*no_such_table`));

    const halfDone = await queryDatabase(db.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(halfDone).toEqual([]);
    expect((await rows()).map((r) => r.migration_name)).toEqual(MIGRATION_NAMES);
    // Nothing was left half-applied, so the real migrations still run cleanly.
    expect(await migrate(await runner())).toEqual({ applied: [], alreadyApplied: MIGRATION_NAMES.length, modified: [] });
  });
});
