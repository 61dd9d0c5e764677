import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { SYNC_LIMITS, SYNC_NAMESPACE } from "../../lib/protocol/protocol";
import type { BoardStore } from "../persistence/board-store";
import { flushOncePerTurn } from "./corked-flush";
import type { Limits } from "./limits";
import { startRelayCheck } from "./relay-check";
import type { RelayOptions } from "./relay-stream";
import type { RoomManager } from "./room-manager";
import type { SendAwarenessToMany, SendSyncToMany } from "./fan-out";
import { attachSyncNamespace, broadcastAwarenessToSockets, broadcastToSockets } from "./socket-adapter";

/** Presence between server processes (through the Socket.io adapter): ephemeral, so pub/sub suffices. */
const RELAY_AWARENESS = "parley:relay-awareness";

// serverSideEmit arguments are encoded by the adapter; frames travel as base64 strings to stay plain.
const toRelay = (frame: Uint8Array): string => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString("base64");
const fromRelay = (frame: unknown): Uint8Array | null =>
  typeof frame === "string" && frame.length <= SYNC_LIMITS.maxAwarenessMessageBytes * 2 ? new Uint8Array(Buffer.from(frame, "base64")) : null;

export interface SyncServerOptions {
  /** With it, several processes share boards through Redis; without it, this process is alone. */
  redisUrl?: string;
  corsOrigin?: string;
  /** How often each room with connections checks it has not fallen behind the store (0: never). */
  relayCheckMs?: number;
  relay?: RelayOptions;
  log?: (message: string) => void;
}

export interface SyncServer {
  io: Server;
  /** Passes an accepted presence frame to the other server processes (no-op without Redis). */
  publish(kind: "awareness", boardId: string, frame: Uint8Array): void;
  /** Passes an update saved as log entry `seq` to the other server processes (no-op without Redis). */
  publishUpdate(boardId: string, seq: number, update: Uint8Array): void;
  /** Sends one sync frame to many of this process's connections as one broadcast (the rooms' fan-out). */
  sendSyncToMany: SendSyncToMany;
  /** The same for presence frames. */
  sendAwarenessToMany: SendAwarenessToMany;
  close(): Promise<void>;
}

/**
 * Socket.io on an HTTP server, carrying the sync protocol in the /sync namespace. With `redisUrl`,
 * several processes share it through the Socket.io Redis Streams adapter, and relay saved updates to
 * each other over a Redis stream with their log sequence numbers, so a process that misses one
 * notices and reads it from the database (relay-catch-up.ts, relay-check.ts).
 */
export async function createSyncServer(
  httpServer: HttpServer,
  rooms: RoomManager,
  store: BoardStore,
  limits: Limits,
  options: SyncServerOptions = {},
): Promise<SyncServer> {
  const log = options.log ?? (() => {});
  const io = new Server(httpServer, {
    maxHttpBufferSize: SYNC_LIMITS.transportMaxBytes,
    // A transport that never opens the /sync namespace is closed as soon as one that never joins would be.
    connectTimeout: limits.settings.joinDeadlineMs,
    // Other upgrade requests (Next's hot reload in development) are not ours to close.
    destroyUpgrade: false,
    ...(options.corsOrigin ? { cors: { origin: options.corsOrigin.split(",") } } : {}),
  });
  flushOncePerTurn(io.engine);
  const namespace = io.of(SYNC_NAMESPACE);
  const scaleOut = options.redisUrl ? await connectScaleOut(options.redisUrl, io, rooms, store, { ...options, log }) : null;
  if (scaleOut) {
    namespace.on(RELAY_AWARENESS, async (boardId: unknown, frame: unknown) => {
      try {
        const bytes = fromRelay(frame);
        const room = typeof boardId === "string" && bytes ? await rooms.peek(boardId) : null;
        if (room && bytes) room.applyRemoteAwareness(bytes);
      } catch (error) {
        log(`relayed presence for ${String(boardId)} failed: ${(error as Error).message}`);
      }
    });
  }
  attachSyncNamespace(namespace, rooms, store, limits);
  return {
    io,
    publish: (_kind, boardId, frame) => {
      if (scaleOut) namespace.serverSideEmit(RELAY_AWARENESS, boardId, toRelay(frame));
    },
    publishUpdate: (boardId, seq, update) => scaleOut?.stream.publish({ boardId, seq, update }),
    sendSyncToMany: broadcastToSockets(namespace),
    sendAwarenessToMany: broadcastAwarenessToSockets(namespace),
    close: async () => {
      await scaleOut?.stopRelay();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await scaleOut?.closeRedis();
    },
  };
}

/** Redis for scale-out: the Socket.io adapter, the update relay, and the periodic catch-up check. */
async function connectScaleOut(
  redisUrl: string,
  io: Server,
  rooms: RoomManager,
  store: BoardStore,
  options: SyncServerOptions & { log: (message: string) => void },
) {
  // Only scaled-out processes load Redis and its adapter (~15 MB of RSS): a lone server never does.
  const [{ createClient }, { createAdapter }, { closeRedisClient, openRelayStream }] = await Promise.all([
    import("redis"),
    import("@socket.io/redis-streams-adapter"),
    import("./relay-stream"),
  ]);
  const client = createClient({ url: redisUrl });
  // Without a listener a lost Redis connection would crash the process; the client reconnects by itself.
  client.on("error", (error: Error) => options.log(`redis: ${error.message}`));
  await client.connect();
  io.adapter(createAdapter(client));
  const stream = await openRelayStream(
    redisUrl,
    ({ boardId, seq, update }) => {
      void rooms.peek(boardId).then((room) => room?.applyRemoteUpdate(seq, update)).catch((error: Error) => options.log(`relayed update for ${boardId} failed: ${error.message}`));
    },
    { ...options.relay, log: options.log },
  ).catch(async (error: unknown) => {
    client.destroy();
    throw error;
  });
  const check = startRelayCheck(rooms, store, options.relayCheckMs ?? 0, options.log);
  return {
    stream,
    stopRelay: async () => {
      await check.stop();
      await stream.close();
    },
    closeRedis: () => closeRedisClient(client),
  };
}
