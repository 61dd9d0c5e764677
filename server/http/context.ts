import type { ExportService } from "../export/export-service";
import type { BoardStore, DatabaseKind } from "../persistence/board-store";
import type { LiveControl } from "../sync/live-control";
import type { RoomManager } from "../sync/room-manager";

/**
 * What the API routes and pages (bundled by Next) need from the running server. server/main.ts puts
 * it on globalThis once persistence is up; Next's bundles read it here and never import Prisma.
 */
export interface AppContext {
  store: BoardStore;
  rooms: RoomManager;
  /** Reaches live connections on every server process (teacher actions: remove, delete…). */
  live: LiveControl;
  exports: ExportService;
  database: { kind: DatabaseKind; location: string };
  startedAt: Date;
}

const KEY = Symbol.for("parley.app-context");
type Holder = { [KEY]?: AppContext };

export function setAppContext(context: AppContext | undefined): void {
  (globalThis as Holder)[KEY] = context;
}

export function getAppContext(): AppContext {
  const context = (globalThis as Holder)[KEY];
  if (!context) throw new Error("Parley's server context is missing: start Parley with `npm start` or `npm run dev`, not `next` directly.");
  return context;
}
