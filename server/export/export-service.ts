import { ParleyError } from "../../lib/errors/errors";
import type { ExportFormat, ImportFormat } from "../../lib/export/formats";
import type { ImportResult } from "../../lib/export/imported-board";
import { fromParleyJson } from "../../lib/export/json";
import type { RevisionPlan, RevisionPlanInput } from "../../lib/revisions/revision-plan";
import { importBoard } from "../boards/import-board";
import type { BoardRecord, BoardStore } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";
import { loadExportBoard } from "./load-export-board";
import { renderExport, type RenderedExport, type RenderOptions } from "./render-export";
import { RenderPool, type RenderPoolOptions } from "./render-pool";

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
 * light text formats are rendered in place.
 */
export function createExportService(store: BoardStore, rooms?: RoomManager, poolOptions: RenderPoolOptions = {}): ExportService {
  const pool = new RenderPool(poolOptions);
  return {
    async render(boardId, format, options) {
      const board = await loadExportBoard(store, boardId, rooms, { includeVotes: options.includeVotes });
      return renderExport(board, format, options, pool);
    },
    async importFile(text, format) {
      const result: ImportResult = format === "json" ? fromParleyJson(text) : await pool.parseImport(format, text);
      if (!result.ok) {
        throw new ParleyError("invalid-content", result.errors[0]?.message ?? "The file could not be read.", { format, errors: result.errors });
      }
      const board = await importBoard(store, result.board);
      return { board, sourceTitle: result.board.source.title };
    },
    planRevision: (input) => pool.planRevision(input),
    evidenceReport: (board, options) => pool.evidenceReport(board, options),
    close: () => pool.close(),
  };
}
