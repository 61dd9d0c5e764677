import { createHash } from "node:crypto";
import type * as Y from "yjs";
import { z } from "zod";
import { argumentsMap, parseArgumentRecord } from "../../lib/board/doc";
import type { Argument } from "../../lib/board/argument";
import { LIMITS } from "../../lib/board/constants";
import { ParleyError } from "../../lib/errors/errors";
import { QuoteDecisionSchema, resolveRevision } from "../../lib/revisions/revision-decisions";
import { RevisionTextSchema, type RevisionPlan, type RevisionPlanInput } from "../../lib/revisions/revision-plan";
import { readSourceRevision, writeSourceRevision } from "../../lib/revisions/source-revision-meta";
import type { SourceRevisionView } from "../../lib/revisions/revision-views";
import type { SourceRevisionRecord } from "../persistence/board-store";
import type { BoardRoom, RoomStep } from "../sync/board-room";
import { ACTION_COST } from "./teacher-limits";
import { facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/**
 * A facilitator replaces the board's source with a corrected text. `propose` only plans (every quote's
 * proposed new anchor); `apply` recomputes that plan itself, applies the facilitator's decisions, stores
 * the new text as the next revision and moves every quote with ONE update through the board's room.
 * Plans are made in the worker pool (`exports.planRevision`), never on the event loop of live boards.
 */

/** The teacher's dependencies plus the worker pool that plans revisions (the app context's export service). */
export type RevisionDeps = TeacherDeps & { exports: { planRevision(input: RevisionPlanInput): Promise<RevisionPlan> } };

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
    // A consistent view of the board is taken in the room's queue; the planning runs in the worker pool.
    const seen = await room.exclusive("plan source revision", async () => snapshot(room));
    requireChange(seen.source, text);
    const plan = await deps.exports.planRevision({ oldText: seen.source, newText: text, args: seen.args });
    return { ...plan, baseRevision: seen.revision, currentSha256: sha256(seen.source), newSha256: sha256(text) };
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
    // Planning a long article takes seconds: it runs in the worker pool on a snapshot, never in the
    // room's queue. The apply step then checks nothing changed since; if a quote did, it plans again
    // (in the pool) from the new snapshot, so the plan applied always matches the board it lands on.
    let seen = await room.exclusive("read for source revision", async () => snapshot(room));
    for (let attempt = 1; ; attempt++) {
      if (seen.revision !== input.baseRevision) throw stale(seen.revision, input.baseRevision);
      requireChange(seen.source, input.text);
      const plan = await deps.exports.planRevision({ oldText: seen.source, newText: input.text, args: seen.args });
      const planned = seen;
      const result = await room.exclusive("apply source revision", async (step): Promise<{ moved: typeof seen } | { applied: AppliedRevision }> => {
        const now = snapshot(room);
        if (now.source !== planned.source || now.revision !== planned.revision || quotesKey(now.args) !== quotesKey(planned.args)) return { moved: now };
        return { applied: await applyPlan(deps, step, room, request.boardId, facilitator.id, input, plan) };
      });
      if ("applied" in result) return result.applied;
      if (attempt >= APPLY_ATTEMPTS) {
        throw new ParleyError("stale-revision", "Quotes on the board kept changing while the revision was being planned: review the plan again.");
      }
      seen = result.moved;
    }
  } finally {
    deps.rooms.release(room);
  }
}

type AppliedRevision = SourceRevisionView & { retired: number; moved: number };

/** How many times apply plans again when quotes change under it before it gives up. */
const APPLY_ATTEMPTS = 3;

/**
 * Inside the room's step, on a board that matches `plan`: applies the decisions and stores the new
 * revision's row and the document update that moves every quote in ONE transaction (store.recordSourceRevision),
 * so a failed write leaves neither behind. The new source document itself may be stored already: it is
 * content-addressed and harmless on its own, and a retry reuses it.
 */
async function applyPlan(
  deps: RevisionDeps,
  step: RoomStep,
  room: BoardRoom,
  boardId: string,
  memberId: string,
  input: z.infer<typeof ApplyRevisionSchema>,
  plan: RevisionPlan,
): Promise<AppliedRevision> {
  const outcome = resolveRevision(input.text, plan.quotes, input.decisions);
  if (!outcome.ok) throw new ParleyError("invalid-content", outcome.error.message, outcome.error);

  const board = await deps.store.getBoard(boardId);
  const old = board && (await deps.store.getSourceDocument(board.sourceId));
  if (!old) throw new ParleyError("internal", `Board "${boardId}" has lost its source document.`);
  const source = await deps.store.ensureSourceDocument({ title: old.title, publisher: old.publisher, publishedOn: old.publishedOn, language: old.language, text: input.text });
  // The store numbers the revision baseRevision + 1 or refuses (stale-revision), so the document can name it first.
  const revision = input.baseRevision + 1;
  let record: SourceRevisionRecord | null = null;
  const save = async (update: Uint8Array) => {
    const stored = await deps.store.recordSourceRevision(boardId, { baseRevision: input.baseRevision, sourceId: source.id, memberId, update });
    record = stored;
    return stored.seq;
  };
  const written = await step.change(
    memberId,
    (doc) => {
      writeSourceRevision(doc, { revision, sha256: source.sha256, quotes: outcome.value.quotes, retired: outcome.value.retired, now: Date.now() });
      return { ok: true, value: null };
    },
    save,
  );
  if (!written.ok) throw new ParleyError("invalid-content", written.error.message, written.error);
  const saved = record as SourceRevisionRecord | null;
  if (!saved) throw new ParleyError("internal", "The source revision changed nothing in the board's document.");
  room.replaceSource({ text: source.text, sha256: source.sha256 });
  return {
    revision: saved.revision,
    sha256: saved.sha256,
    memberId: saved.memberId,
    createdAt: saved.createdAt.toISOString(),
    retired: outcome.value.retired.length,
    moved: outcome.value.quotes.size,
  };
}

/** The board's source revisions, oldest first, for its facilitators. */
export async function listSourceRevisions(deps: Pick<TeacherDeps, "store">, request: FacilitatorRequest): Promise<{ revisions: SourceRevisionView[] }> {
  await facilitatorOf(deps.store, request, ACTION_COST.read);
  const revisions = await deps.store.listSourceRevisions(request.boardId);
  return { revisions: revisions.map((r) => ({ revision: r.revision, sha256: r.sha256, memberId: r.memberId, createdAt: r.createdAt.toISOString() })) };
}

