/** `npm run export` and `npm run import` as a person runs them, against a PostgreSQL database. */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { makeTempDir, startSyncServer } from "./support/server";

const ROOT = new URL("../..", import.meta.url).pathname;

describe("export and import command line", () => {
  let db: TestDatabase;
  let dir: { path: string; remove(): void };
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", script), ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: db.url },
      timeout: 60_000,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = makeTempDir();
    // A server start migrates the database and seeds the demo board; the tools then work offline.
    await (await startSyncServer({ databaseUrl: db.url })).close();
  });
  afterAll(async () => {
    dir?.remove();
    await db?.drop();
  });

  it("exports a board to a file and imports it back as a new board", () => {
    const out = join(dir.path, "map.argdown");
    const exported = run("export.ts", ["--board", "demo", "--format", "argdown", "--out", out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("The US position");

    const imported = run("import.ts", ["--file", out]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported .* as board [a-z0-9]+ /);
  });

  it("writes text formats to standard output without --out", () => {
    const result = run("export.ts", ["--board", "demo", "--format", "outline"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Discussion Title: /);
  });

  it("explains bad usage, unknown boards and broken files", () => {
    const usage = run("export.ts", ["--board", "demo", "--format", "docx"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("--format must be one of");
    const missing = run("export.ts", ["--board", "nope", "--format", "json"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('There is no board "nope"');

    const broken = join(dir.path, "broken.parley.json");
    writeFileSync(broken, '{ "type": "parley-board",\n  "version": 1,\n  nope }');
    const refused = run("import.ts", ["--file", broken]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/nothing was created[\s\S]*line \d+/);
  });
});
