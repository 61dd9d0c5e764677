import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import { SYNC_LIMITS, SYNC_NAMESPACE } from "../../lib/protocol/protocol";
import type { BoardStore } from "../persistence/board-store";
import type { Limits } from "./limits";
import type { RoomManager } from "./room-manager";
import { attachSyncNamespace } from "./socket-adapter";

/** Events between server processes (through the Redis adapter) about boards they both hold. */
const RELAY = { update: "parley:relay-update", awareness: "parley:relay-awareness" } as const;

// The Redis adapter JSON-encodes serverSideEmit arguments, which turns a Uint8Array into a plain
// object; relayed frames therefore travel as base64 strings.
const toRelay = (frame: Uint8Array): string => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString("base64");
const fromRelay = (frame: unknown): Uint8Array | null => (typeof frame === "string" ? new Uint8Array(Buffer.from(frame, "base64")) : null);

export interface SyncServer {
  io: Server;
  /** Passes an accepted frame to the other server processes (no-op without Redis). */
  publish(kind: "update" | "awareness", boardId: string, frame: Uint8Array): void;
  close(): Promise<void>;
}

/**
 * Socket.io on an HTTP server, carrying the sync protocol in the /sync namespace. With `redisUrl`,
 * several processes share rooms through the Socket.io Redis adapter and relay accepted updates to
 * each other so every process's copy of a board stays current.
 */
export async function createSyncServer(
  httpServer: HttpServer,
  rooms: RoomManager,
  store: BoardStore,
  limits: Limits,
  options: { redisUrl?: string; corsOrigin?: string } = {},
): Promise<SyncServer> {
  const io = new Server(httpServer, {
    maxHttpBufferSize: SYNC_LIMITS.transportMaxBytes,
    // A transport that never opens the /sync namespace is closed as soon as one that never joins would be.
    connectTimeout: limits.settings.joinDeadlineMs,
    // Other upgrade requests (Next's hot reload in development) are not ours to close.
    destroyUpgrade: false,
    ...(options.corsOrigin ? { cors: { origin: options.corsOrigin.split(",") } } : {}),
  });
  let closeRedis = async () => {};
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closeRedis = async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    };
  }
  const namespace = io.of(SYNC_NAMESPACE);
  if (options.redisUrl) {
    namespace.on(RELAY.update, async (boardId: string, frame: unknown) => {
      const bytes = fromRelay(frame);
      const room = bytes && (await rooms.peek(boardId));
      if (room && bytes) room.applyRemoteUpdate(bytes);
    });
    namespace.on(RELAY.awareness, async (boardId: string, frame: unknown) => {
      const bytes = fromRelay(frame);
      const room = bytes && (await rooms.peek(boardId));
      if (room && bytes) room.applyRemoteAwareness(bytes);
    });
  }
  attachSyncNamespace(namespace, rooms, store, limits);
  return {
    io,
    publish: (kind, boardId, frame) => {
      if (options.redisUrl) namespace.serverSideEmit(RELAY[kind], boardId, toRelay(frame));
    },
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await closeRedis();
    },
  };
}
