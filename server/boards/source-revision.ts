import { createHash } from "node:crypto";
import type * as Y from "yjs";
import { z } from "zod";
import { argumentsMap, parseArgumentRecord } from "../../lib/board/doc";
import type { Argument } from "../../lib/board/argument";
import { LIMITS } from "../../lib/board/constants";
import { ParleyError } from "../../lib/errors/errors";
import { QuoteDecisionSchema, resolveRevision } from "../../lib/revisions/revision-decisions";
import { planSourceRevision, RevisionTextSchema, type RevisionPlan } from "../../lib/revisions/revision-plan";
import { readSourceRevision, writeSourceRevision } from "../../lib/revisions/source-revision-meta";
import type { SourceRevisionView } from "../../lib/revisions/revision-views";
import type { ExportService } from "../export/export-service";
import { ACTION_COST } from "./teacher-limits";
import { facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/**
 * A facilitator replaces the board's source with a corrected text. `propose` only plans (every quote's
 * proposed new anchor); `apply` recomputes that plan itself, applies the facilitator's decisions, stores
 * the new text as the next revision and moves every quote with ONE update through the board's room.
 */

export const ProposeRevisionSchema = z.object({ text: RevisionTextSchema }).strict();
export const ApplyRevisionSchema = z
  .object({
    text: RevisionTextSchema,
    /** The revision the plan was made on: applying refuses (stale-revision) if the board moved on. */
    baseRevision: z.number().int().positive(),
    decisions: z.array(QuoteDecisionSchema).max(LIMITS.quotesPerArgument * 2_000, "Too many decisions."),
  })
  .strict();

export interface RevisionProposal extends RevisionPlan {
  baseRevision: number;
  currentSha256: string;
  newSha256: string;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Every argument record on the board, unreachable ones included: their quotes move too. */
function allArguments(doc: Y.Doc): Argument[] {
  return [...argumentsMap(doc).entries()].flatMap(([id, value]) => {
    const parsed = parseArgumentRecord(id, value);
    return parsed ? [parsed] : [];
  });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ParleyError("bad-request", parsed.error.issues[0]?.message ?? "The request is not valid.", { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  return parsed.data;
}

/** What a revision is planned from: the source, every argument and the revision, read in one step. */
function snapshot(room: { sourceText: string; doc: Y.Doc }) {
  return { source: room.sourceText, args: allArguments(room.doc), revision: readSourceRevision(room.doc) };
}

/** Where plans are drawn: the render pool when the server has one (never on the event loop), else in place (tests, tools). */
export type RevisionDeps = TeacherDeps & { exports?: Pick<ExportService, "planSourceRevision"> };

function plan(deps: RevisionDeps, oldText: string, newText: string, args: readonly Argument[]): Promise<RevisionPlan> {
  return deps.exports ? deps.exports.planSourceRevision(oldText, newText, args) : Promise.resolve(planSourceRevision(oldText, newText, args));
}

const quotesKey = (args: readonly Argument[]) => JSON.stringify(args.map((arg) => [arg.id, arg.quotes]));

function stale(current: number, base: number): ParleyError {
  return new ParleyError("stale-revision", `The source is at revision ${current} now, not ${base}: review the plan again.`);
}

function requireChange(currentText: string, text: string): void {
  if (text === currentText) throw new ParleyError("bad-request", "That is the board's current source text: there is nothing to revise.");
}

/** Plans a revision to `body.text` without changing anything. */
export async function proposeSourceRevision(deps: RevisionDeps, request: FacilitatorRequest & { body: unknown }): Promise<RevisionProposal> {
  const { text } = parse(ProposeRevisionSchema, request.body);
  // Diffing a long article costs far more than a rename: it is charged like a duplicate.
  await facilitatorOf(deps.store, request, ACTION_COST.duplicate);
  const room = await deps.rooms.acquire(request.boardId);
  try {
    // A consistent view of the board is taken in the room's queue; the (slower) planning runs outside it.
    const seen = await room.exclusive("plan source revision", async () => snapshot(room));
    requireChange(seen.source, text);
    const planned = await plan(deps, seen.source, text, seen.args);
    return { ...planned, baseRevision: seen.revision, currentSha256: sha256(seen.source), newSha256: sha256(text) };
  } finally {
    deps.rooms.release(room);
  }
}

/** Applies a revision: the board's source becomes `body.text` and every quote follows the plan and decisions. */
export async function applySourceRevision(deps: RevisionDeps, request: FacilitatorRequest & { body: unknown }): Promise<SourceRevisionView & { retired: number; moved: number }> {
  const input = parse(ApplyRevisionSchema, request.body);
  const { facilitator } = await facilitatorOf(deps.store, request, ACTION_COST.duplicate);
  const room = await deps.rooms.acquire(request.boardId);
  try {
    // Planning a long article takes seconds: it runs outside the room's queue on a snapshot, and is
    // redone inside only if a quote or the source changed meanwhile (the applied plan is always current).
    const seen = await room.exclusive("read for source revision", async () => snapshot(room));
    if (seen.revision !== input.baseRevision) throw stale(seen.revision, input.baseRevision);
    requireChange(seen.source, input.text);
    const early = await plan(deps, seen.source, input.text, seen.args);
    return await room.exclusive("apply source revision", async (step) => {
      const now = snapshot(room);
      if (now.revision !== input.baseRevision) throw stale(now.revision, input.baseRevision);
      const current = now.source === seen.source && quotesKey(now.args) === quotesKey(seen.args) ? early : await plan(deps, now.source, input.text, now.args);
      const outcome = resolveRevision(input.text, current.quotes, input.decisions);
      if (!outcome.ok) throw new ParleyError("invalid-content", outcome.error.message, outcome.error);

      const board = await deps.store.getBoard(request.boardId);
      const old = board && (await deps.store.getSourceDocument(board.sourceId));
      if (!old) throw new ParleyError("internal", `Board "${request.boardId}" has lost its source document.`);
      const source = await deps.store.ensureSourceDocument({ title: old.title, publisher: old.publisher, publishedOn: old.publishedOn, language: old.language, text: input.text });
      const record = await deps.store.recordSourceRevision(request.boardId, { baseRevision: input.baseRevision, sourceId: source.id, memberId: facilitator.id });
      const written = await step.change(facilitator.id, (doc) => {
        writeSourceRevision(doc, { revision: record.revision, sha256: source.sha256, quotes: outcome.value.quotes, retired: outcome.value.retired, now: Date.now() });
        return { ok: true, value: null };
      });
      if (!written.ok) throw new ParleyError("invalid-content", written.error.message, written.error);
      room.replaceSource({ text: source.text, sha256: source.sha256 });
      return {
        revision: record.revision,
        sha256: record.sha256,
        memberId: record.memberId,
        createdAt: record.createdAt.toISOString(),
        retired: outcome.value.retired.length,
        moved: outcome.value.quotes.size,
      };
    });
  } finally {
    deps.rooms.release(room);
  }
}

/** The board's source revisions, oldest first, for its facilitators. */
export async function listSourceRevisions(deps: Pick<TeacherDeps, "store">, request: FacilitatorRequest): Promise<{ revisions: SourceRevisionView[] }> {
  await facilitatorOf(deps.store, request, ACTION_COST.read);
  const revisions = await deps.store.listSourceRevisions(request.boardId);
  return { revisions: revisions.map((r) => ({ revision: r.revision, sha256: r.sha256, memberId: r.memberId, createdAt: r.createdAt.toISOString() })) };
}

