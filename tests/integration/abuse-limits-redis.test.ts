/**
 * With REDIS_URL, per-IP budgets are shared by every server process: a guesser spreading requests
 * over processes behind a load balancer gets no more than one process would give them. Needs Redis
 * (PARLEY_TEST_REDIS_URL, default redis://127.0.0.1:6379), like the scale-out suite.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/server/config";
import { Limits, limitSettings } from "@/server/sync/limits";

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("abuse: per-IP budgets through Redis", () => {
  const settings = limitSettings(loadConfig({ PARLEY_JOINS_PER_MINUTE_PER_IP: "3" }));
  let processA: Limits;
  let processB: Limits;

  beforeAll(async () => {
    processA = await Limits.create(settings, REDIS_URL);
    processB = await Limits.create(settings, REDIS_URL);
  });
  afterAll(async () => {
    await processA?.close();
    await processB?.close();
  });

  it("counts one address's joins across server processes", async () => {
    // A unique "address" per run: other checkouts may share this Redis.
    const ip = `test-${randomUUID()}`;
    expect(await processA.address("join", ip)).toEqual({ ok: true });
    expect(await processB.address("join", ip)).toEqual({ ok: true });
    expect(await processA.address("join", ip)).toEqual({ ok: true });
    expect(await processB.address("join", ip)).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    expect(await processA.address("join", `test-${randomUUID()}`)).toEqual({ ok: true });
  });
});
