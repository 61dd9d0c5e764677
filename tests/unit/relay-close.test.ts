/** Shutting down with Redis unreachable must not hang: the relay's clients are closed with a bounded wait. */
import { describe, expect, it } from "vitest";
import { closeRedisClient } from "@/server/sync/relay-stream";

function fakeClient(close: () => Promise<unknown>) {
  const client = { destroyed: false, close, destroy: () => void (client.destroyed = true) };
  return client;
}

describe("closeRedisClient", () => {
  it("closes gracefully when Redis answers", async () => {
    const client = fakeClient(async () => "OK");
    await closeRedisClient(client);
    expect(client.destroyed).toBe(false);
  });

  it("destroys the client when a graceful close would wait for ever", async () => {
    const client = fakeClient(() => new Promise(() => {}));
    await closeRedisClient(client, 10);
    expect(client.destroyed).toBe(true);
  });

  it("destroys the client when closing fails", async () => {
    const client = fakeClient(async () => Promise.reject(new Error("connection lost")));
    await closeRedisClient(client);
    expect(client.destroyed).toBe(true);
  });
});
