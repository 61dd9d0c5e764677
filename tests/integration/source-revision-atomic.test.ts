/**
 * Applying a source revision is all or nothing: the revision row, the board's current source and the
 * document update that moves every quote are stored in one transaction, so a failed write leaves the
 * database, the live document and the room's source exactly as they were, and a retry applies it.
 * And the plan apply uses always matches the board: a quote added while the plan was being made in the
 * worker pool makes apply plan again (in the pool), never apply a plan that misses it.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as Y from "yjs";
import { codePointLength } from "@/lib/anchoring/text";
import { readArgument, readMeta } from "@/lib/board/doc";
import { ParleyError } from "@/lib/errors/errors";
import { readSourceRevision } from "@/lib/revisions/source-revision-meta";
import type { RevisionPlanInput } from "@/lib/revisions/revision-plan";
import { applySourceRevision } from "@/server/boards/source-revision";
import { handleApplySourceRevision, handleListSourceRevisions } from "@/server/http/source-revision-api";
import { ARTICLE, SAMPLE_QUOTE, addTestArgument, US } from "./support/board";
import { queryDatabase } from "./support/database";
import { useManagedBoards, type Table } from "./support/managed-board";
import { waitFor } from "./support/wait";
import { read, request } from "./support/teacher";

const h = useManagedBoards();
afterEach(() => vi.restoreAllMocks());

const SHIFTED = "Washington's heavy-handedness has not gone down well with Pakistani authorities";
/** Every quote moves with certainty (the text shifts down), so no decisions are needed. */
const CORRECTED = "Editor's note: this article was corrected on 6 September.\n\n" + ARTICLE;
const startIn = (text: string, passage: string) => codePointLength(text.slice(0, text.indexOf(passage)));

const apply = (t: Table) => handleApplySourceRevision(request("POST", t.facilitator.seat.memberToken, { text: CORRECTED, baseRevision: 1, decisions: [] }), t.boardId);
const history = async (t: Table) => (await read(await handleListSourceRevisions(request("GET", t.facilitator.seat.memberToken), t.boardId))).body.revisions as { revision: number }[];

async function quoted(t: Table, quote: string, text = `About: ${quote}`): Promise<string> {
  const author = { id: t.facilitator.memberId, name: "Fran" };
  const { ack, value } = await t.facilitator.update((doc: Y.Doc) => addTestArgument(doc, { parentId: US, stance: "for", text, author, quotes: [quote] }));
  expect(ack).toEqual({ ok: true });
  return value.id;
}

/** Everything a half-applied revision would change: the stored rows, the revision history, the board's source, the live documents. */
async function state(t: Table) {
  const room = (await h.server.context.rooms.peek(t.boardId))!;
  return {
    rows: await h.storedRows(t.boardId),
    revisions: (await history(t)).map((r) => r.revision),
    sourceId: (await h.server.context.store.getBoard(t.boardId))!.sourceId,
    roomSource: room.sourceText === ARTICLE ? "original" : "other",
    roomRevision: readSourceRevision(room.doc),
    roomSha: readMeta(room.doc).sourceSha256,
    served: readSourceRevision(await h.served(t)),
  };
}

async function expectAppliedOnRetry(t: Table, argumentId: string): Promise<void> {
  const retried = await read(await apply(t));
  expect({ status: retried.status, message: retried.body.message }).toEqual({ status: 201, message: undefined });
  expect(retried.body).toMatchObject({ revision: 2, moved: 1 });
  expect(await history(t)).toHaveLength(2);
  await waitFor(() => readSourceRevision(t.alice.doc) === 2, { message: "Alice to receive the revision" });
  expect(readArgument(t.alice.doc, argumentId)!.quotes[0]).toMatchObject({ exact: SHIFTED, start: startIn(CORRECTED, SHIFTED) });
}

describe("applying a source revision when the write fails", () => {
  it("rolls the revision back with its update when the database refuses the update, and a retry applies it", async () => {
    const t = await h.table();
    const id = await quoted(t, SHIFTED);
    await t.alice.sees(id);
    const before = await state(t);
    expect(before).toMatchObject({ revisions: [1], roomSource: "original", roomRevision: 1, served: 1 });

    // The update is the last write of the transaction: the revision rows and the board's new source
    // were written before it, and must roll back with it.
    const trigger = `refuse_updates_${t.boardId.replace(/\W/g, "_")}`;
    await queryDatabase(h.db.url, `CREATE OR REPLACE FUNCTION parley_test_refuse_update() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the log refuses this write (test)'; END $$ LANGUAGE plpgsql`);
    await queryDatabase(h.db.url, `CREATE TRIGGER ${trigger} BEFORE INSERT ON board_updates FOR EACH ROW WHEN (NEW.board_id = '${t.boardId}') EXECUTE FUNCTION parley_test_refuse_update()`);
    try {
      const refused = await read(await apply(t));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 500, code: "storage-refused" });
      expect(refused.body.message).toMatch(/database/i);
    } finally {
      await queryDatabase(h.db.url, `DROP TRIGGER ${trigger} ON board_updates`);
    }
    expect(await state(t)).toEqual(before);
    expect(readSourceRevision(t.alice.doc)).toBe(1);

    await expectAppliedOnRetry(t, id);
  });

  it("answers a database outage with storage-unavailable (retry), changes nothing, and a retry applies it", async () => {
    const t = await h.table();
    const id = await quoted(t, SHIFTED);
    const before = await state(t);
    vi.spyOn(h.server.context.store, "recordSourceRevision").mockRejectedValueOnce(new ParleyError("storage-unavailable", "The database is not available right now."));
    const refused = await read(await apply(t));
    expect({ status: refused.status, code: refused.body.code, retry: refused.body.retry }).toEqual({ status: 503, code: "storage-unavailable", retry: true });
    expect(await state(t)).toEqual(before);

    await expectAppliedOnRetry(t, id);
  });
});

describe("applying a source revision while the board changes", () => {
  /** The server's deps, with a planner that runs `meanwhile` before each plan it hands to the real pool. */
  function planningWith(meanwhile: (call: number) => Promise<void>) {
    const calls: RevisionPlanInput[] = [];
    const deps = {
      ...h.server.context,
      exports: {
        planRevision: async (input: RevisionPlanInput) => {
          calls.push(input);
          const plan = h.server.context.exports.planRevision(input);
          await meanwhile(calls.length);
          return plan;
        },
      },
    };
    return { deps, calls };
  }

  it("plans again, in the pool, when a quote is added while the plan is being made", async () => {
    const t = await h.table();
    const first = await quoted(t, SHIFTED);
    let late = "";
    const { deps, calls } = planningWith(async (call) => {
      if (call === 1) late = await quoted(t, SAMPLE_QUOTE, "Added while the plan was made.");
    });
    const applied = await applySourceRevision(deps, { boardId: t.boardId, memberToken: t.facilitator.seat.memberToken, body: { text: CORRECTED, baseRevision: 1, decisions: [] } });
    expect(calls).toHaveLength(2);
    expect(calls[1].args.map((arg) => arg.id)).toContain(late);
    expect(applied).toMatchObject({ revision: 2, moved: 2 });
    const served = await h.served(t);
    expect(readArgument(served, first)!.quotes[0]).toMatchObject({ exact: SHIFTED, start: startIn(CORRECTED, SHIFTED) });
    // Without the second plan this quote would keep its offsets on the old text.
    expect(readArgument(served, late)!.quotes[0]).toMatchObject({ exact: SAMPLE_QUOTE, start: startIn(CORRECTED, SAMPLE_QUOTE) });
  });

  it("gives up with stale-revision when quotes keep changing, and stores nothing", async () => {
    const t = await h.table();
    await quoted(t, SHIFTED);
    const rows = await h.storedRows(t.boardId);
    let added = 0;
    const { deps, calls } = planningWith(async () => {
      await quoted(t, SAMPLE_QUOTE, `Churn ${++added}.`);
    });
    const attempt = applySourceRevision(deps, { boardId: t.boardId, memberToken: t.facilitator.seat.memberToken, body: { text: CORRECTED, baseRevision: 1, decisions: [] } });
    await expect(attempt).rejects.toMatchObject({ code: "stale-revision", message: expect.stringMatching(/kept changing/) });
    expect(calls).toHaveLength(3);
    expect(await h.storedRows(t.boardId)).toHaveLength(rows.length + added); // the churn, and no revision
    expect(await history(t)).toHaveLength(1);
  });
});
