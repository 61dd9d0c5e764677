/**
 * Memory per connection (issue 11): once a transport connection has opened, the server keeps its
 * client address and drops the HTTP request that opened it (engine.io would hold it, headers and all,
 * for the connection's whole life). The per-address limits must still see the right address.
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { SYNC_NAMESPACE } from "@/lib/protocol/protocol";
import { loadConfig } from "@/server/config";
import { Limits, limitSettings } from "@/server/sync/limits";
import { limitConnections } from "@/server/sync/socket-limits";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Socket.io server with only the connection limits on the sync namespace; resolves with each server-side socket. */
async function limitedServer(env: Record<string, string>) {
  const http: HttpServer = createServer();
  const io = new Server(http);
  // Each transport connection's opening request, as engine.io hands it over (listening before the limits do).
  const requests: IncomingMessage[] = [];
  io.engine.on("connection", (raw: { request: IncomingMessage }) => requests.push(raw.request));
  const limits = await Limits.create(limitSettings(loadConfig(env)));
  limitConnections(io.of(SYNC_NAMESPACE), limits);
  const sockets: Socket[] = [];
  io.of(SYNC_NAMESPACE).on("connection", (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await limits.close();
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sockets, requests };
}

function client(url: string, headers: Record<string, string>, transports: ("websocket" | "polling")[]): Promise<ClientSocket> {
  const socket = connect(`${url}${SYNC_NAMESPACE}`, { transports, extraHeaders: headers, forceNew: true, reconnection: false });
  cleanups.push(() => void socket.close());
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("the handshake request of a sync connection", () => {
  for (const transport of ["websocket", "polling"] as const) {
    it(`is dropped once the client address is kept (${transport}), and the address still counts behind a proxy`, async () => {
      const server = await limitedServer({ PARLEY_TRUST_PROXY: "1", PARLEY_MAX_CONNECTIONS_PER_IP: "1" });
      await client(server.url, { "x-forwarded-for": "192.0.2.7, 10.1.2.3" }, [transport]);
      expect(server.sockets).toHaveLength(1);
      const [socket] = server.sockets;
      expect(socket.data.ip).toBe("10.1.2.3");
      expect(socket.conn.request).toBeNull();

      // The same address is over its cap of one, whatever it claims; another address is not.
      await expect(client(server.url, { "x-forwarded-for": "10.1.2.3" }, [transport])).rejects.toMatchObject({ data: { code: "rate-limited" } });
      await client(server.url, { "x-forwarded-for": "10.1.2.4" }, [transport]);
      expect(server.sockets.map((s) => s.data.ip)).toEqual(["10.1.2.3", "10.1.2.4"]);
    });
  }

  it("a WebSocket's upgrade request, which engine.io keeps reachable, no longer holds the headers; a polling request keeps its own", async () => {
    const server = await limitedServer({ PARLEY_TRUST_PROXY: "1" });
    await client(server.url, { "x-forwarded-for": "10.1.2.3", "x-large": "x".repeat(2000) }, ["websocket"]);
    await client(server.url, { "x-forwarded-for": "10.1.2.4" }, ["polling"]);
    expect(server.sockets.map((s) => s.data.ip)).toEqual(["10.1.2.3", "10.1.2.4"]);
    const [upgrade, polling] = server.requests;
    expect(upgrade.headers).toEqual({});
    expect(upgrade.rawHeaders).toEqual([]);
    expect(polling.headers["x-forwarded-for"]).toBe("10.1.2.4");
  });

  it("keys the peer's own address when no proxy is trusted", async () => {
    const server = await limitedServer({});
    await client(server.url, { "x-forwarded-for": "10.9.9.9" }, ["websocket"]);
    expect(server.sockets[0].data.ip).toBe("127.0.0.1");
    expect(server.sockets[0].conn.request).toBeNull();
  });
});
