/**
 * The sync server's memory: `npm run sync` on PostgreSQL without Redis must not load what it never
 * serves (the embedded database, Redis, the renderers and their worker pool). Each of those modules is
 * replaced by a factory that records being loaded; vitest calls a factory only when something imports it.
 */
import { describe, expect, it, vi } from "vitest";

const loaded = vi.hoisted(() => new Set<string>());
const record = (name: string) => {
  loaded.add(name);
  return {};
};

vi.mock("@electric-sql/pglite", () => record("@electric-sql/pglite"));
vi.mock("pglite-prisma-adapter", () => record("pglite-prisma-adapter"));
vi.mock("redis", () => record("redis"));
vi.mock("@socket.io/redis-streams-adapter", () => record("@socket.io/redis-streams-adapter"));
vi.mock("piscina", () => record("piscina"));
// The limiter package's index loads every store it supports; the server imports the files it uses.
vi.mock("rate-limiter-flexible", () => record("rate-limiter-flexible"));
vi.mock("@/server/export/render-export", () => record("render-export"));
vi.mock("@/server/export/render-pool", () => record("render-pool"));
vi.mock("@/server/export/load-export-board", () => record("load-export-board"));

describe("what the sync server loads", () => {
  it("importing the server leaves the embedded database, Redis and the renderers unloaded", async () => {
    await import("@/server/parley");
    expect([...loaded]).toEqual([]);
  });

  it("limits without REDIS_URL count in memory and never load the Redis client", async () => {
    const { loadConfig } = await import("@/server/config");
    const { Limits, limitSettings } = await import("@/server/sync/limits");
    const limits = await Limits.create(limitSettings(loadConfig({})));
    expect((await limits.connection("sync", "connection-1")).ok).toBe(true);
    await limits.close();
    expect([...loaded]).toEqual([]);
  });

  it("an export service that never exported starts no pool and closes at once", async () => {
    const { createExportService } = await import("@/server/export/export-service");
    const service = createExportService({} as never);
    await service.close();
    expect([...loaded]).toEqual([]);
  });
});
