import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { ensureDemoBoard } from "./boards/ensure-demo-board";
import type { ParleyConfig } from "./config";
import { createExportService } from "./export/export-service";
import { setAppContext, type AppContext } from "./http/context";
import { setRequestLimits, stampClientAddress } from "./http/rate-limit";
import { healthReport } from "./http/health";
import { openDatabase } from "./persistence/connect";
import { PrismaBoardStore } from "./persistence/prisma-board-store";
import { Limits, limitSettings } from "./sync/limits";
import { RoomManager } from "./sync/room-manager";
import { createSyncServer, type SyncServer } from "./sync/sync-server";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface StartOptions {
  config: ParleyConfig;
  /** "full" serves the Next.js app and the sync server; "sync" only the sync server and /api/health. */
  mode: "full" | "sync";
  dev?: boolean;
  log?: (message: string) => void;
}

export interface RunningParley {
  url: string;
  port: number;
  context: AppContext;
  close(): Promise<void>;
}

/**
 * Starts Parley: database (PostgreSQL or embedded PGlite) → migrations → demo board → rooms →
 * one HTTP server carrying Next.js and the Socket.io sync server.
 */
export async function startParley({ config, mode, dev = false, log = console.log }: StartOptions): Promise<RunningParley> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR });
  log(
    database.kind === "pglite"
      ? `No DATABASE_URL set: using embedded PGlite in ${database.location}`
      : `Using PostgreSQL at ${database.location}`,
  );
  const migrations = await database.migrate();
  if (migrations.applied.length) log(`Applied migrations: ${migrations.applied.join(", ")}`);
  for (const name of migrations.modified) log(`Warning: migration ${name} was edited after it was applied; never edit an applied migration.`);

  const store = new PrismaBoardStore(database);
  if (config.PARLEY_SEED_DEMO && (await ensureDemoBoard(store))) log("Created the demo board at /b/demo");

  let sync: SyncServer | null = null;
  const limits = await Limits.create(limitSettings(config), config.REDIS_URL);
  setRequestLimits(limits);
  const rooms = new RoomManager(store, {
    compactEvery: config.PARLEY_COMPACT_EVERY,
    presenceIdsPerConnection: limits.settings.presenceIdsPerConnection,
    idleUnloadMs: config.PARLEY_IDLE_UNLOAD_MS,
    publish: (kind, boardId, frame) => sync?.publish(kind, boardId, frame),
    log,
  });
  const context: AppContext = {
    store,
    rooms,
    exports: createExportService(store, rooms),
    database: { kind: database.kind, location: database.location },
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
  sync = await createSyncServer(httpServer, rooms, store, limits, { redisUrl: config.REDIS_URL, corsOrigin: config.PARLEY_CORS_ORIGIN });
  if (config.REDIS_URL) log("Scale-out: sharing rooms through Redis");

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log(`Parley ${mode === "full" ? "" : "sync server "}ready on ${url}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    context,
    close: () =>
      (closing ??= (async () => {
        await sync?.close();
        await rooms.closeAll();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await web?.close();
        await database.close();
        await limits.close();
        setAppContext(undefined);
        setRequestLimits(undefined);
      })()),
  };
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
