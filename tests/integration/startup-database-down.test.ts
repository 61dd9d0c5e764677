/**
 * Issue 7, item 2, server side: a server started while its database is unreachable keeps trying
 * (logging each attempt) instead of exiting; meanwhile it listens, /api/health answers 503 and joins
 * are refused with the retryable storage-unavailable. A browser that opened the board during that
 * time is not stranded: it joins, syncs and saves once the database is there.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { loadConfig } from "@/server/config";
import { startParley, type RunningParley } from "@/server/parley";
import { addTestArgument, boardAsServedBy, boardAsStored, openClient, saved, sees, type TestClient } from "./support/board";
import { ADMIN_URL, terminateConnections, withAdmin } from "./support/database";
import { BoardClient } from "@/components/sync/board-client";
import type { ErrorPayload } from "@/lib/errors/errors";
import { RawClient } from "./support/raw-client";
import { fetchHealth, makeTempDir } from "./support/server";
import { waitFor } from "./support/wait";

const DEMO = "demo";

describe("start-up: the database is not there yet", () => {
  // A database that does not exist yet: PostgreSQL answers, but refuses the connection.
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const logs: string[] = [];
  const dir = makeTempDir();
  let server: RunningParley;
  let early: BoardClient | null = null;
  const cleanup: TestClient[] = [];

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, PARLEY_DATA_DIR: dir.path });
    server = await startParley({ config, mode: "sync", log: (line) => logs.push(line), waitForDatabase: false });
  });
  afterAll(async () => {
    early?.destroy();
    cleanup.forEach((client) => client.destroy());
    await server?.close();
    await withAdmin(async (admin) => {
      await terminateConnections(admin, name);
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    });
    dir.remove();
  });

  it("listens, says 503 on health, refuses joins as retryable, and keeps retrying with a log line per attempt", async () => {
    const health = await fetchHealth(server);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "degraded", database: { kind: "postgres", reachable: false } });

    const raw = await RawClient.connect(server.url);
    try {
      expect(await raw.join(DEMO)).toMatchObject({ ok: false, code: "storage-unavailable", retry: true });
      expect(raw.socket.connected).toBe(true);
    } finally {
      raw.close();
    }
    await waitFor(() => logs.filter((line) => /not reachable \(attempt \d+/.test(line)).length >= 2, { message: "two logged attempts" });
    expect(logs.join("\n")).not.toContain("ready on");
  });

  it("a browser that opened the board during the outage joins, syncs and saves once the database exists", async () => {
    const errors: ErrorPayload[] = [];
    early = new BoardClient(DEMO, { url: server.url });
    early.on("error", (error) => errors.push(error));
    await waitFor(() => errors.length > 0, { message: "the refused join" });
    expect(errors[0]).toMatchObject({ code: "storage-unavailable", retry: true });
    expect(early.status).toBe("offline");
    // What y-protocols does every 15 s: before the fix this reached the server first and got the connection closed for good.
    early.awareness.setLocalState({ user: { id: "user-early", name: "Early", color: "#4f46e5" }, editing: null });

    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
    await server.ready;
    expect((await fetchHealth(server)).status).toBe(200);
    expect(logs.some((line) => line.includes("ready on"))).toBe(true);

    const client = early;
    await waitFor(() => client.status === "live", { message: "the early client to go live", timeoutMs: 60_000 });
    const point = addTestArgument(client.doc, { text: "Written by someone who arrived before the database." });
    await saved(client);
    const other = await openClient(server.url, DEMO);
    cleanup.push(other);
    await sees(other, point.id);

    const stored = await boardAsStored(server.context.store, DEMO);
    expect(stored.arguments.map((a) => a.id)).toContain(point.id);
    expect(readBoard(client.doc)).toEqual(stored);
    expect(await boardAsServedBy(server.url, DEMO)).toEqual(stored);
    expect(errors.filter((error) => error.code !== "storage-unavailable")).toEqual([]);
  });
});

describe("start-up: shutting down while still waiting for the database", () => {
  it("stops retrying, closes cleanly, and reports that it never came up", async () => {
    const dir = makeTempDir();
    try {
      // Nothing listens on port 1: every attempt fails at once.
      const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere", PARLEY_DATA_DIR: dir.path });
      const logs: string[] = [];
      const server = await startParley({ config, mode: "sync", log: (line) => logs.push(line), waitForDatabase: false });
      await waitFor(() => logs.some((line) => line.includes("not reachable (attempt 1")), { message: "the first attempt" });
      expect((await fetchHealth(server)).status).toBe(503);
      await server.close();
      await expect(server.ready).rejects.toThrow(/shutting down/);
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    } finally {
      dir.remove();
    }
  });

  it("does not wait for credentials the database refuses: start-up fails at once with PostgreSQL's reason", async () => {
    const dir = makeTempDir();
    try {
      const url = Object.assign(new URL(ADMIN_URL), { username: "parley_no_such_role" }).toString();
      const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, PARLEY_DATA_DIR: dir.path });
      await expect(startParley({ config, mode: "sync", log: () => {} })).rejects.toThrow(/parley_no_such_role/);
    } finally {
      dir.remove();
    }
  });
});
