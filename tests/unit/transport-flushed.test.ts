/**
 * transportFlushed (socket-adapter.ts): when everything handed to Engine.IO's transport has been
 * written. A cold room's build waits for it after answering a fresh joiner from the stored bytes, so
 * it must resolve exactly when the transport is writable again with nothing queued, or on a close.
 */
import { EventEmitter } from "node:events";
import type { Socket } from "socket.io";
import { describe, expect, it } from "vitest";
import { transportFlushed } from "@/server/sync/socket-adapter";

function fakeSocket(writable: boolean, connected = true, writeBuffer: unknown[] = []) {
  const transport = Object.assign(new EventEmitter(), { writable });
  const engine = Object.assign(new EventEmitter(), { transport, writeBuffer });
  return { socket: { connected, conn: engine } as unknown as Socket, transport, engine };
}

const settledYet = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
};

describe("transportFlushed", () => {
  it("resolves at once when the transport has nothing in flight, or the socket is gone", async () => {
    expect(await settledYet(transportFlushed(fakeSocket(true).socket))).toBe(true);
    expect(await settledYet(transportFlushed(fakeSocket(false, false).socket))).toBe(true);
  });

  it("waits for a 'ready' after which the transport is still writable (Engine.IO flushed nothing more)", async () => {
    const { socket, transport } = fakeSocket(false);
    const flushed = transportFlushed(socket);
    transport.emit("ready"); // a batch was written, but the flush that follows sent the next one
    expect(await settledYet(flushed)).toBe(false);
    transport.writable = true;
    transport.emit("ready");
    expect(await settledYet(flushed)).toBe(true);
    expect(transport.listenerCount("ready")).toBe(0);
  });

  it("waits for packets written this turn, still in the write buffer until the turn's flush", async () => {
    const { socket, transport, engine } = fakeSocket(true, true, [{ type: "message" }]);
    const flushed = transportFlushed(socket);
    expect(await settledYet(flushed)).toBe(false);
    // The flush sends them (not writable while they are written), then the write completes.
    engine.writeBuffer.length = 0;
    transport.writable = true;
    transport.emit("ready");
    expect(await settledYet(flushed)).toBe(true);
  });

  it("resolves when the connection closes with frames still queued", async () => {
    const { socket, engine, transport } = fakeSocket(false);
    const flushed = transportFlushed(socket);
    engine.emit("close");
    expect(await settledYet(flushed)).toBe(true);
    expect(transport.listenerCount("ready")).toBe(0);
  });
});
