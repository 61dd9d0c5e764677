/**
 * `npm run export` and `npm run import` against a PostgreSQL database. The commands run in-process
 * through their `main` functions (no process start racing a clock on a busy machine); one test runs
 * the real script entry as a child process and simply waits for it to exit.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportMain } from "@/scripts/export";
import { importMain } from "@/scripts/import";
import type { CliIO } from "@/scripts/cli-io";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { makeTempDir, startSyncServer } from "./support/server";

const ROOT = new URL("../..", import.meta.url).pathname;

interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

// Exports render in workers and the first one warms up: generous per-test time on a busy machine.
describe("export and import command line", { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let dir: { path: string; remove(): void };

  /** Runs a command's main in this process with its own output buffers and environment. */
  async function run(main: (argv: string[], io: CliIO) => Promise<number>, argv: string[]): Promise<CliRun> {
    const out: (string | Uint8Array)[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: { write: (chunk) => out.push(chunk) }, stderr: { write: (chunk) => err.push(chunk) }, env: { DATABASE_URL: db.url } };
    const status = await main(argv, io);
    return { status, stdout: out.map((c) => (typeof c === "string" ? c : Buffer.from(c).toString("utf8"))).join(""), stderr: err.join("") };
  }

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

  it("exports a board to a file and imports it back as a new board", async () => {
    const out = join(dir.path, "map.argdown");
    const exported = await run(exportMain, ["--board", "demo", "--format", "argdown", "--out", out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`wrote ${out}`);
    expect(readFileSync(out, "utf8")).toContain("The US position");

    const imported = await run(importMain, ["--file", out]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported .* as board [a-z0-9]+ /);
  });

  it("writes text formats to standard output without --out", async () => {
    const result = await run(exportMain, ["--board", "demo", "--format", "outline"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Discussion Title: /);
  });

  it("refuses to write a binary format to a terminal", async () => {
    const out: unknown[] = [];
    const err: string[] = [];
    const status = await exportMain(["--board", "demo", "--format", "png"], { stdout: { write: (c) => out.push(c), isTTY: true }, stderr: { write: (c) => err.push(c) }, env: { DATABASE_URL: db.url } });
    expect(status).toBe(2);
    expect(err.join("")).toContain("png is binary: give --out FILE");
    expect(out).toEqual([]);
  });

  it("explains bad usage, unknown boards and broken files", async () => {
    const usage = await run(exportMain, ["--board", "demo", "--format", "docx"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("--format must be one of");
    expect((await run(exportMain, ["--format", "json"])).status).toBe(2);
    expect((await run(importMain, ["--nonsense"])).status).toBe(2);
    const missing = await run(exportMain, ["--board", "nope", "--format", "json"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('There is no board "nope"');

    const broken = join(dir.path, "broken.parley.json");
    writeFileSync(broken, '{ "type": "parley-board",\n  "version": 1,\n  nope }');
    const refused = await run(importMain, ["--file", broken]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/nothing was created[\s\S]*line \d+/);
    const unreadable = await run(importMain, ["--file", join(dir.path, "no-such-file.json")]);
    expect(unreadable).toMatchObject({ status: 1, stderr: expect.stringContaining("cannot read") });
  });

  it("the script entry runs the command and exits with its status (a real process, awaited to its exit)", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "export.ts"), "--board", "demo", "--format", "outline"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: db.url },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    // No clock of our own: the process is done when it exits, however long a busy machine takes.
    const status = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/^Discussion Title: /);
  }, 180_000);
});
