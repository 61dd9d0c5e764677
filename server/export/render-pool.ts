import { Piscina } from "piscina";
import { workerScript } from "../compiled-workers";
import type { ExportBoard } from "../../lib/export/board-export";
import type { ImportResult } from "../../lib/export/imported-board";
import { ParleyError } from "../../lib/errors/errors";
import type { PictureOptions } from "../../lib/map/board-map";
import type { Argument } from "../../lib/board/argument";
import type { RevisionPlan, RevisionPlanInput } from "../../lib/revisions/revision-plan";
import type { DraftForReport, EvidenceReport } from "../../lib/evidence/report";
import type { ExportFormat, ImportFormat } from "../../lib/export/formats";
import type { BuiltImport } from "../boards/import-board";
import type { ExportInputs } from "./load-export-board";
import type { PdfOptions } from "./pdf";
import type { RenderOptions } from "./render-export";
import type { PngOptions } from "./png";

/**
 * The worker pool that draws PDF and PNG exports, parses Argdown imports and plans source revisions
 * (render-worker-main.ts; compiled when the server runs from its bundle, else through render-worker.mjs).
 * On the event loop a PDF held every live board for ~2.8 s and a PNG for ~0.3 s; in the pool they
 * cost one thread, never the loop that relays edits.
 *
 * Sized for a small server (2 cores): one thread by default, so a burst of exports leaves a core to
 * the sync server; threads stop after `idleTimeoutMs` so idle memory (fonts, pdfkit) is returned.
 * At most `maxThreads + maxQueue` tasks are admitted; the rest are refused at once with a retryable
 * `rate-limited` (HTTP 429) instead of piling up. A task over its time limit is stopped (its thread is
 * terminated and replaced on the next task).
 */
export interface RenderPoolOptions {
  maxThreads?: number;
  /** Tasks that may wait for a thread beyond those running. */
  maxQueue?: number;
  idleTimeoutMs?: number;
  /** Longest a PDF or PNG may take, from admission (queueing included). */
  renderTimeoutMs?: number;
}

export const RENDER_POOL_DEFAULTS = { maxThreads: 1, maxQueue: 6, idleTimeoutMs: 30_000, renderTimeoutMs: 120_000 } as const;
/** Longest an import (Argdown, AIF, Kialo) may parse before it is abandoned. Real exports take well under a second. */
export const ARGDOWN_PARSE_TIMEOUT_MS = 20_000;

/** Longest a source revision's plan may take, queueing included (4.8 s measured at 178k characters alone). */
export const REVISION_PLAN_TIMEOUT_MS = 60_000;

/** Import formats parsed in the pool, each a task of render-worker-main.ts, with the name used in messages. */
export const POOLED_IMPORTS = { argdown: "Argdown", aif: "AIF", kialo: "Kialo outline" } as const;
export type PooledImportFormat = keyof typeof POOLED_IMPORTS;

/** Every import format's name in messages (Parley JSON is parsed and built in the pool too). */
const IMPORT_NAMES: Record<ImportFormat, string> = { ...POOLED_IMPORTS, json: "Parley JSON" };

/** What the worker's buildImport task answers: a board ready to store, a file that could not be read, or a board refused. */
type ImportOutcome =
  | { ok: true; built: BuiltImport; sourceTitle: string }
  | { ok: false; errors: { message: string }[] }
  | { ok: false; refused: { code: ParleyError["code"]; message: string; details?: unknown } };

const DEFAULT_PICTURE: PictureOptions = { layout: "map", collapsed: [] };

/** The worker's TypeScript source, started through tsx unless the server runs from its bundle. */
const WORKER_SOURCE = new URL("./render-worker.mjs", import.meta.url);

export class RenderPool {
  private readonly pool: Piscina;
  private readonly capacity: number;
  private readonly renderTimeoutMs: number;
  private admitted = 0;
  private finished = 0;

  constructor(options: RenderPoolOptions = {}) {
    const { maxThreads, maxQueue, idleTimeoutMs, renderTimeoutMs } = { ...RENDER_POOL_DEFAULTS, ...options };
    this.capacity = maxThreads + maxQueue;
    this.renderTimeoutMs = renderTimeoutMs;
    // Admission is counted here (see run()); piscina's own queue is left unbounded behind it.
    this.pool = new Piscina({ filename: workerScript("render", WORKER_SOURCE).href, minThreads: 0, maxThreads, idleTimeout: idleTimeoutMs, concurrentTasksPerWorker: 1 });
  }

  /** Tasks running or waiting now. */
  get load(): number {
    return this.admitted;
  }

  /** Threads alive now (0 once the pool has been idle for its idle timeout), and tasks completed. */
  stats(): { threads: number; completed: number } {
    return { threads: this.pool.threads.length, completed: this.finished };
  }

  /** The handout; with `picture` (the default) it gains the argument map, `picture.collapsed` folded. */
  renderPdf(board: ExportBoard, options: Omit<PdfOptions, "map"> = {}, picture: PictureOptions | null = DEFAULT_PICTURE): Promise<Uint8Array> {
    return this.run("pdf", { board, options, picture }, this.renderTimeoutMs, "PDF");
  }

  /** The argument map (or the columns picture) as PNG; a map too large to read is refused with invalid-content. */
  async renderPng(board: ExportBoard, options: PngOptions = {}, picture: PictureOptions = DEFAULT_PICTURE): Promise<Uint8Array> {
    const result = await this.run<Uint8Array | { refused: string }>("png", { board, options, picture }, this.renderTimeoutMs, "PNG");
    if (result instanceof Uint8Array) return result;
    throw new ParleyError("invalid-content", result.refused, { format: "png" });
  }

  /** The argument map as SVG: elk's layout takes ~0.5–0.8 s at 1,000 arguments, so it runs here too. */
  renderMapSvg(board: ExportBoard, collapsed: readonly string[] = []): Promise<string> {
    return this.run("mapSvg", { board, collapsed }, this.renderTimeoutMs, "SVG");
  }

  /** The evidence report (lib/evidence/board-report.ts): 600 arguments quoting a 150,000-character article held the loop for ~0.7 s. */
  evidenceReport(board: ExportBoard, options: { facilitator: boolean; drafts: DraftForReport[] | null }): Promise<EvidenceReport> {
    return this.run("evidence", { board, options }, this.renderTimeoutMs, "evidence report");
  }

  /**
   * Any export format of a board read from the database (load-export-board.ts): the document is decoded,
   * read and written out here, so the event loop only does the database reads and sends the bytes.
   * Text formats come back UTF-8 encoded, as they are sent.
   */
  async renderFromInputs(inputs: ExportInputs, format: ExportFormat, options: RenderOptions & { picture: PictureOptions }): Promise<string | Uint8Array> {
    const result = await this.run<string | Uint8Array | { refused: string }>("fromInputs", { inputs, format, options }, this.renderTimeoutMs, `${format} export`);
    if (typeof result === "string" || result instanceof Uint8Array) return result;
    throw new ParleyError("invalid-content", result.refused, { format });
  }

  /** The evidence report of a board read from the database, built and computed here (see renderFromInputs). */
  evidenceReportFromInputs(inputs: ExportInputs, options: { facilitator: boolean; drafts: DraftForReport[] | null }): Promise<EvidenceReport> {
    return this.run("evidenceFromInputs", { inputs, options }, this.renderTimeoutMs, "evidence report");
  }

  /** Parses an Argdown file; a parse over the time limit becomes a failed result naming the limit. */
  parseArgdown(text: string, timeoutMs = ARGDOWN_PARSE_TIMEOUT_MS): Promise<ImportResult> {
    return this.parseImport("argdown", text, timeoutMs);
  }

  /**
   * Parses an imported file of another tool (Argdown, AIF, Kialo) into a board, off the event loop: a
   * 5 MB map means tens of thousands of nodes and a text search per quoted passage. A parse over the
   * time limit or a crash becomes a failed result.
   */
  async parseImport(format: PooledImportFormat, text: string, timeoutMs = ARGDOWN_PARSE_TIMEOUT_MS): Promise<ImportResult> {
    const label = POOLED_IMPORTS[format];
    try {
      return await this.run<ImportResult>(format, text, timeoutMs, `${label} import`);
    } catch (error) {
      if (ParleyError.is(error) && error.code === "rate-limited") throw error;
      const timedOut = error instanceof RenderTimeout;
      const message = timedOut ? `The ${label} file took longer than ${timeoutMs / 1000} s to read; it may be malformed.` : `The ${label} parser failed: ${(error as Error).message}`;
      return { ok: false, errors: [{ message }] };
    }
  }

  /**
   * Parses an imported file (any format) and builds the new board's document, off the event loop: on a
   * 1,000-argument file parsing took 0.2–0.3 s and restoring the arguments ~1 s. Throws invalid-content
   * (the file's problems, or a parse over the time limit) or rate-limited; the caller stores the board.
   */
  async buildImport(format: ImportFormat, text: string, timeoutMs = ARGDOWN_PARSE_TIMEOUT_MS): Promise<{ built: BuiltImport; sourceTitle: string }> {
    const label = IMPORT_NAMES[format];
    let outcome: ImportOutcome;
    try {
      outcome = await this.run<ImportOutcome>("buildImport", { format, text }, timeoutMs, `${label} import`);
    } catch (error) {
      if (ParleyError.is(error) && error.code === "rate-limited") throw error;
      const timedOut = error instanceof RenderTimeout;
      const message = timedOut ? `The ${label} file took longer than ${timeoutMs / 1000} s to read; it may be malformed.` : `The ${label} parser failed: ${(error as Error).message}`;
      outcome = { ok: false, errors: [{ message }] };
    }
    if (outcome.ok) return outcome;
    if ("refused" in outcome) throw new ParleyError(outcome.refused.code, outcome.refused.message, outcome.refused.details);
    throw new ParleyError("invalid-content", outcome.errors[0]?.message ?? "The file could not be read.", { format, errors: outcome.errors });
  }

  /**
   * Plans a source revision (every quote re-anchored on the corrected text) off the event loop. A plan
   * over the time limit is refused as invalid-content (the texts are too far apart to compare in time),
   * a full pool as rate-limited, and a crashed worker as internal: each with a message a facilitator can act on.
   */
  async planRevision(input: RevisionPlanInput, timeoutMs = REVISION_PLAN_TIMEOUT_MS): Promise<RevisionPlan> {
    try {
      return await this.run<RevisionPlan>("planRevision", input, timeoutMs, "source revision plan");
    } catch (error) {
      if (error instanceof RenderTimeout) {
        const message = `Comparing the corrected text with the current source took longer than ${timeoutMs / 1000} s and was stopped. Try again later, or revise the source in smaller steps.`;
        throw new ParleyError("invalid-content", message, { timeoutMs });
      }
      if (ParleyError.is(error) && error.code === "rate-limited") {
        throw new ParleyError("rate-limited", "Parley is busy with other heavy work (exports, revisions). Try again in a moment.", error.details);
      }
      throw new ParleyError("internal", `Planning the source revision failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stops every thread; tasks under way fail. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  private async run<T>(name: string, input: unknown, timeoutMs: number, what: string): Promise<T> {
    if (this.admitted >= this.capacity) {
      throw new ParleyError("rate-limited", "Parley is busy drawing other exports. Try again in a moment.", { retryAfterMs: 2_000 });
    }
    this.admitted++;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const result = (await this.pool.run(input, { name, signal })) as T;
      this.finished++;
      return result;
    } catch (error) {
      if (signal.aborted) throw new RenderTimeout(what, timeoutMs);
      throw error;
    } finally {
      this.admitted--;
    }
  }
}

/** A task stopped at its time limit (its thread was terminated). */
class RenderTimeout extends ParleyError {
  constructor(what: string, timeoutMs: number) {
    super("internal", `The ${what} took longer than ${timeoutMs / 1000} s and was stopped. Try again later, or a smaller board.`, { timeoutMs });
  }
}
