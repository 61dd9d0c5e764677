import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDemoBoard } from "./boards/ensure-demo-board";
import type { ParleyConfig } from "./config";
import { createExportService } from "./export/export-service";
import { setAppContext, type AppContext } from "./http/context";
import { setRequestLimits, stampClientAddress } from "./http/rate-limit";
import { healthReport } from "./http/health";
import { openDatabaseWhenReachable, redactUrl, type Database } from "./persistence/connect";
import { PrismaBoardStore } from "./persistence/prisma-board-store";
import { storeWhenReady } from "./persistence/store-when-ready";
import { withRecordCache } from "./persistence/record-cache";
import { SYNC_NAMESPACE } from "../lib/protocol/protocol";
import { createLiveControl, type LiveControl } from "./sync/live-control";
import { Limits, limitSettings } from "./sync/limits";
import { RoomManager } from "./sync/room-manager";
import { sendAwarenessToEach, sendToEach } from "./sync/fan-out";
import type { RelayOptions } from "./sync/relay-stream";
import { createSyncServer, type SyncServer } from "./sync/sync-server";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface StartOptions {
  config: ParleyConfig;
  /** "full" serves the Next.js app and the sync server; "sync" only the sync server and /api/health. */
  mode: "full" | "sync";
  dev?: boolean;
  log?: (message: string) => void;
  /** Scale-out relay settings beyond the config (tests: their own stream, a dropped-update hook). */
  relay?: RelayOptions;
  /**
   * True (the default): resolve once the database is open, migrated and seeded. False: resolve as soon
   * as the server listens; `ready` settles when the database is up (health answers 503 meanwhile).
   */
  waitForDatabase?: boolean;
}

export interface RunningParley {
  url: string;
  port: number;
  context: AppContext;
  /** Settles once the database is open, migrated and seeded; rejects if start-up failed for good. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts Parley: one HTTP server carrying Next.js and the Socket.io sync server, listening at once;
 * then the database (PostgreSQL or embedded PGlite, retried with backoff while unreachable) →
 * migrations → demo board → ready. Until then /api/health answers 503 and joins are refused with the
 * retryable `storage-unavailable`, so browsers keep retrying instead of giving up on the board.
 */
export async function startParley({ config, mode, dev = false, log = console.log, waitForDatabase = true, relay }: StartOptions): Promise<RunningParley> {
  const kind = config.DATABASE_URL ? "postgres" : "pglite";
  const pending = storeWhenReady(kind);
  // Alone on its database, the process remembers each board's votes, drafts and members between writes
  // (record-cache.ts); scaled out, another process's writes would not reach that memory.
  const cache = config.REDIS_URL ? null : withRecordCache(pending.store);
  const store = cache?.store ?? pending.store;

  let sync: SyncServer | null = null;
  const limits = await Limits.create(limitSettings(config), config.REDIS_URL);
  setRequestLimits(limits);
  const rooms = new RoomManager(store, {
    compactEvery: config.PARLEY_COMPACT_EVERY,
    compactAfterBytes: config.PARLEY_COMPACT_BYTES,
    coalesceMs: config.PARLEY_COALESCE_MS,
    presenceIdsPerConnection: limits.settings.presenceIdsPerConnection,
    idleUnloadMs: config.PARLEY_IDLE_UNLOAD_MS,
    onUnload: (boardId) => cache?.forget(boardId),
    publish: (kind, boardId, frame) => sync?.publish(kind, boardId, frame),
    publishUpdate: (boardId, seq, update) => sync?.publishUpdate(boardId, seq, update),
    sendSyncToMany: (recipients, frame) => (sync ? sync.sendSyncToMany(recipients, frame) : sendToEach(recipients, frame)),
    sendAwarenessToMany: (recipients, frame) => (sync ? sync.sendAwarenessToMany(recipients, frame) : sendAwarenessToEach(recipients, frame)),
    log,
  });
  // The sync server starts after the context exists; until then there is no connection to control.
  let live: LiveControl | null = null;
  const context: AppContext = {
    store,
    rooms,
    live: {
      disconnectMember: (memberId, error, options) => live?.disconnectMember(memberId, error, options),
      closeBoard: (boardId, error) => live?.closeBoard(boardId, error),
    },
    exports: createExportService(store),
    database: { kind, location: config.DATABASE_URL ? redactUrl(config.DATABASE_URL) : resolve(config.PARLEY_DATA_DIR, "pglite") },
    startedAt: new Date(),
  };
  setAppContext(context);

  const web = mode === "full" ? await prepareNext(dev, config) : null;
  const httpServer = createServer((req, res) => {
    stampClientAddress(req, limits.settings.trustProxy);
    if (web) return void web.handle(req, res);
    void serveSyncOnly(context, req, res);
  });
  if (web?.upgrade) {
    const upgrade = web.upgrade;
    httpServer.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) upgrade(req, socket, head);
    });
  }
  sync = await createSyncServer(httpServer, rooms, store, limits, {
    redisUrl: config.REDIS_URL,
    corsOrigin: config.PARLEY_CORS_ORIGIN,
    relayCheckMs: config.PARLEY_RELAY_CHECK_MS,
    relay,
    log,
  });
  live = createLiveControl(sync.io.of(SYNC_NAMESPACE));
  if (config.REDIS_URL) log("Scale-out: sharing rooms through Redis");

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log(`Listening on ${url}; opening the database…`);

  const stopWaiting = new AbortController();
  let database: Database | null = null;
  const ready = (async () => {
    database = await openDatabaseWhenReachable({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR }, { log, signal: stopWaiting.signal });
    context.database = { kind: database.kind, location: database.location };
    log(database.kind === "pglite" ? `No DATABASE_URL set: using embedded PGlite in ${database.location}` : `Using PostgreSQL at ${database.location}`);
    const migrations = await database.migrate();
    if (migrations.applied.length) log(`Applied migrations: ${migrations.applied.join(", ")}`);
    for (const name of migrations.modified) log(`Warning: migration ${name} was edited after it was applied; never edit an applied migration.`);
    const opened = new PrismaBoardStore(database);
    if (config.PARLEY_SEED_DEMO && (await ensureDemoBoard(opened))) log("Created the demo board at /b/demo");
    // Only now: a join must never see a database without its tables or the demo board.
    pending.open(opened);
    log(`Parley ${mode === "full" ? "" : "sync server "}ready on ${url}`);
  })();
  ready.catch(() => undefined); // the caller decides what a failed start means (see `ready`)

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      stopWaiting.abort();
      await ready.catch(() => undefined);
      await sync?.close();
      await rooms.closeAll();
      await context.exports.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await web?.close();
      await (database as Database | null)?.close();
      await limits.close();
      setAppContext(undefined);
      setRequestLimits(undefined);
    })());

  if (waitForDatabase) {
    try {
      await ready;
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { url, port, context, ready, close };
}

interface NextBinding {
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  upgrade?: (req: IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => void;
  close: () => Promise<void>;
}

async function prepareNext(dev: boolean, config: ParleyConfig): Promise<NextBinding> {
  const { default: next } = await import("next");
  const app = next({ dev, dir: PROJECT_ROOT, hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  return {
    handle: (req, res) => handle(req, res),
    upgrade: dev ? (app.getUpgradeHandler() as NextBinding["upgrade"]) : undefined,
    close: () => app.close(),
  };
}

async function serveSyncOnly(context: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "GET" && req.url?.split("?")[0] === "/api/health") {
    const report = await healthReport(context);
    res.writeHead(report.status, { "content-type": "application/json" }).end(JSON.stringify(report.body));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: "not-found", message: "This process only runs the sync server." }));
}
