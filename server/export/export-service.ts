import type { ExportFormat, ImportFormat } from "../../lib/export/formats";
import type { RevisionPlan, RevisionPlanInput } from "../../lib/revisions/revision-plan";
import type { BoardRecord, BoardStore } from "../persistence/board-store";
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
  /** The evidence report of a board read from the database, built and computed in the render pool (server/boards/evidence-report.ts). */
  evidenceReport: RenderPool["evidenceReportFromInputs"];
  /** Stops the render pool's threads (server shutdown, end of a command). */
  close(): Promise<void>;
}

/**
 * Every export format (the board's document decoded and read too) and the parsing of every import
 * format run in a render pool (render-pool.ts), off the event loop that serves live boards. Two pools,
 * one thread each: pictures (PNG, PDF, SVG) and revision plans can take many seconds on a big board, so
 * text exports, imports and the evidence report have a pool of their own and never queue behind them.
 * The pools and the code around them are imported on first use: a sync server that never exports
 * should not carry them (a few MB of RSS per process).
 */
export function createExportService(store: BoardStore, poolOptions: RenderPoolOptions = {}): ExportService {
  let parts: Promise<ExportParts> | undefined;
  const load = () => (parts ??= loadExportParts(poolOptions));
  return {
    async render(boardId, format, options) {
      const { readExportInputs, renderExportFromInputs, pictures, text } = await load();
      // Only the database reads happen here: the document is decoded, read and rendered in the pool.
      // The store holds every committed update, so a live board's acknowledged edits are all in it.
      const inputs = await readExportInputs(store, boardId, { includeVotes: options.includeVotes });
      return renderExportFromInputs(inputs, format, options, PICTURE_FORMATS.has(format) ? pictures : text);
    },
    async importFile(file, format) {
      const { storeImportedBoard, text } = await load();
      // Parsed and built in the pool; only the database writes happen here.
      const { built, sourceTitle } = await text.buildImport(format, file);
      return { board: await storeImportedBoard(store, built), sourceTitle };
    },
    planRevision: async (input) => (await load()).pictures.planRevision(input),
    evidenceReport: async (inputs, options) => (await load()).text.evidenceReportFromInputs(inputs, options),
    // Nothing to stop when nothing was ever exported.
    close: async () => {
      if (!parts) return;
      const { pictures, text } = await parts;
      await Promise.all([pictures.close(), text.close()]);
    },
  };
}

/** The formats drawn as pictures (a map layout, fonts, rasterising): seconds on a big board. */
const PICTURE_FORMATS: ReadonlySet<ExportFormat> = new Set(["png", "pdf", "svg"]);

interface ExportParts {
  /** PNG, PDF, SVG and revision plans. */
  pictures: RenderPool;
  /** Text exports, imports and the evidence report. */
  text: RenderPool;
  readExportInputs: typeof import("./load-export-board").readExportInputs;
  renderExportFromInputs: typeof import("./render-export").renderExportFromInputs;
  storeImportedBoard: typeof import("../boards/import-board").storeImportedBoard;
}

async function loadExportParts(poolOptions: RenderPoolOptions): Promise<ExportParts> {
  const [{ RenderPool }, { readExportInputs }, { renderExportFromInputs }, { storeImportedBoard }] = await Promise.all([
    import("./render-pool"),
    import("./load-export-board"),
    import("./render-export"),
    import("../boards/import-board"),
  ]);
  return { pictures: new RenderPool(poolOptions), text: new RenderPool(poolOptions), readExportInputs, renderExportFromInputs, storeImportedBoard };
}
