/**
 * A flush of several Engine.IO packets leaves in one write (issue 11: a join is answered with a handful
 * of frames at once, and every write is a system call). The frames themselves, their order and their
 * bytes must be exactly what the client would have received without it, on both transports.
 */
import { createServer } from "node:http";
import type { AddressInfo, Socket as NetSocket } from "node:net";
import { Server, type Socket } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { flushOncePerTurn } from "@/server/sync/corked-flush";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(corked: boolean) {
  const http = createServer();
  const io = new Server(http);
  if (corked) flushOncePerTurn(io.engine);
  const sockets: Socket[] = [];
  io.on("connection", (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sockets };
}

/** Connects, has the server emit a join's worth of events in one go, and answers what arrived and how many writes carried it. */
async function burst(corked: boolean, transport: "websocket" | "polling", emits = emitJoinAnswer) {
  const { url, sockets } = await server(corked);
  const client = connect(url, { transports: [transport], forceNew: true, reconnection: false });
  cleanups.push(() => void client.close());
  await new Promise<void>((resolve, reject) => (client.once("connect", () => resolve()), client.once("connect_error", reject)));
  await new Promise((resolve) => setTimeout(resolve, 20)); // the server's side of the connection is settled
  const received: unknown[] = [];
  let expecting = Number.POSITIVE_INFINITY;
  let arrived = () => {};
  client.onAny((event: string, payload: unknown) => {
    received.push([event, payload instanceof ArrayBuffer || ArrayBuffer.isView(payload) ? [...new Uint8Array(payload as ArrayBuffer)] : payload]);
    if (received.length >= expecting) arrived();
  });
  const all = (count: number) => new Promise<void>((resolve) => ((expecting = count), (arrived = resolve), received.length >= count && resolve()));
  const socket = sockets[0]!;
  const tcp = (socket.conn.transport as unknown as { socket?: { _socket?: NetSocket } }).socket?._socket;
  let writes = 0;
  if (tcp) {
    const count = <T extends (...args: never[]) => unknown>(fn: T) => ((...args: Parameters<T>) => (writes++, fn.apply(tcp, args))) as T;
    tcp._write = count(tcp._write);
    tcp._writev = count(tcp._writev!);
  }
  const expected = emits(socket);
  await all(expected);
  return { received, writes };
}

/** A join's worth of events (four of them, six packets). */
function emitJoinAnswer(socket: Socket): number {
  socket.emit("joined", { ok: true });
  socket.emit("sync", new Uint8Array([0, 1, 2, 3]));
  socket.emit("sync", new Uint8Array([1, 9]));
  socket.emit("votes", { revealed: false, mine: [] });
  return 4;
}

describe("several packets flushed at once", () => {
  it("leave in fewer writes over WebSocket, unchanged and in order", async () => {
    const plain = await burst(false, "websocket");
    const corked = await burst(true, "websocket");
    expect(corked.received).toEqual([
      ["joined", { ok: true }],
      ["sync", [0, 1, 2, 3]],
      ["sync", [1, 9]],
      ["votes", { revealed: false, mine: [] }],
    ]);
    expect(corked.received).toEqual(plain.received);
    // Six Engine.IO packets (each binary event is a header and its attachment), all in one write.
    expect(plain.writes).toBeGreaterThanOrEqual(6);
    expect(corked.writes).toBe(1);
  });

  it("send a binary event's header and attachment together, not the attachment after the header's write", async () => {
    const one = (socket: Socket) => (socket.emit("sync", new Uint8Array([2, 7, 7])), 1);
    const plain = await burst(false, "websocket", one);
    const corked = await burst(true, "websocket", one);
    expect(corked.received).toEqual([["sync", [2, 7, 7]]]);
    expect(plain.writes).toBe(2);
    expect(corked.writes).toBe(1);
  });

  it("leaves long-polling alone", async () => {
    const corked = await burst(true, "polling");
    expect(corked.received.map((entry) => (entry as unknown[])[0])).toEqual(["joined", "sync", "sync", "votes"]);
  });
});
