import { ParleyError } from "../../lib/errors/errors";
import type { ExportFormat, ImportFormat } from "../../lib/export/formats";
import type { ImportResult } from "../../lib/export/imported-board";
import type { RevisionPlan, RevisionPlanInput } from "../../lib/revisions/revision-plan";
import type { BoardRecord, BoardStore } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";
import type { RenderedExport, RenderOptions } from "./render-export";
import type { RenderPool, RenderPoolOptions } from "./render-pool";

/**
 * Exports and imports as the HTTP API and the command line use them. It lives on the app context so
 * Next's route bundles never load the renderers' native and font-reading dependencies themselves.
 */
export interface ExportService {
  render(boardId: string, format: ExportFormat, options: RenderOptions): Promise<RenderedExport>;
  /** Parses a file and creates a new board from it; throws invalid-content listing every problem. */
  importFile(text: string, format: ImportFormat): Promise<{ board: BoardRecord; sourceTitle: string }>;
  /** Plans a source revision in the render pool, off the event loop (server/boards/source-revision.ts). */
  planRevision(input: RevisionPlanInput): Promise<RevisionPlan>;
  /** The evidence report of a loaded board, computed in the render pool (server/boards/evidence-report.ts). */
  evidenceReport: RenderPool["evidenceReport"];
  /** Stops the render pool's threads (server shutdown, end of a command). */
  close(): Promise<void>;
}

/**
 * PDF, PNG and the parsing of Argdown, AIF and Kialo imports run in the render pool (render-pool.ts), off the event loop; the
 * light text formats are rendered in place. The renderers, parsers and pool are imported on first use:
 * a sync server that never exports should not carry their code (a few MB of RSS per process).
 */
export function createExportService(store: BoardStore, rooms?: RoomManager, poolOptions: RenderPoolOptions = {}): ExportService {
  let parts: Promise<ExportParts> | undefined;
  const load = () => (parts ??= loadExportParts(poolOptions));
  return {
    async render(boardId, format, options) {
      const { loadExportBoard, renderExport, pool } = await load();
      const board = await loadExportBoard(store, boardId, rooms, { includeVotes: options.includeVotes });
      return renderExport(board, format, options, pool);
    },
    async importFile(text, format) {
      const { fromParleyJson, importBoard, pool } = await load();
      const result: ImportResult = format === "json" ? fromParleyJson(text) : await pool.parseImport(format, text);
      if (!result.ok) {
        throw new ParleyError("invalid-content", result.errors[0]?.message ?? "The file could not be read.", { format, errors: result.errors });
      }
      const board = await importBoard(store, result.board);
      return { board, sourceTitle: result.board.source.title };
    },
    planRevision: async (input) => (await load()).pool.planRevision(input),
    evidenceReport: async (board, options) => (await load()).pool.evidenceReport(board, options),
    // Nothing to stop when nothing was ever exported.
    close: async () => {
      if (parts) await (await parts).pool.close();
    },
  };
}

interface ExportParts {
  pool: RenderPool;
  loadExportBoard: typeof import("./load-export-board").loadExportBoard;
  renderExport: typeof import("./render-export").renderExport;
  fromParleyJson: typeof import("../../lib/export/json").fromParleyJson;
  importBoard: typeof import("../boards/import-board").importBoard;
}

async function loadExportParts(poolOptions: RenderPoolOptions): Promise<ExportParts> {
  const [{ RenderPool }, { loadExportBoard }, { renderExport }, { fromParleyJson }, { importBoard }] = await Promise.all([
    import("./render-pool"),
    import("./load-export-board"),
    import("./render-export"),
    import("../../lib/export/json"),
    import("../boards/import-board"),
  ]);
  return { pool: new RenderPool(poolOptions), loadExportBoard, renderExport, fromParleyJson, importBoard };
}
