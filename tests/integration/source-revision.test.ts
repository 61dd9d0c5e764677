/**
 * Source revisions: a facilitator replaces the board's source with a corrected text. Proposing changes
 * nothing; applying recomputes the plan on the server, refuses undecided quotes, bad re-selections and
 * a stale base, stores the new revision and moves every quote with ONE update that live clients receive.
 */
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { readArgument, readMeta } from "@/lib/board/doc";
import { addArgument } from "@/lib/board/operations";
import { readRetiredQuotes, readSourceRevision } from "@/lib/revisions/source-revision-meta";
import { codePointLength } from "@/lib/anchoring/text";
import { handleApplySourceRevision, handleListSourceRevisions, handleProposeSourceRevision } from "@/server/http/source-revision-api";
import { ARTICLE, addTestArgument, US } from "./support/board";
import { useManagedBoards, type Table } from "./support/managed-board";
import { waitFor } from "./support/wait";
import { expectFacilitatorsOnly, read, request } from "./support/teacher";

const h = useManagedBoards();

const propose = (boardId: string, token: string | null, body: unknown) => handleProposeSourceRevision(request("POST", token, body), boardId);
const apply = (boardId: string, token: string | null, body: unknown) => handleApplySourceRevision(request("POST", token, body), boardId);
const history = (boardId: string, token: string | null) => handleListSourceRevisions(request("GET", token), boardId);

const REWORDED = "particularly Pakistan's shaky cooperation with the US";
const SHIFTED = "Washington's heavy-handedness has not gone down well with Pakistani authorities";
const DELETED = "the Trump administration canceled a $300 million aid package";
const DELETED_PARAGRAPH = ARTICLE.split("\n").find((line) => line.includes(DELETED))!;

/** The corrected article: a paragraph inserted at the top, a quoted phrase reworded, a quoted paragraph removed. */
const CORRECTED = ("Editor's note: this article was corrected on 6 September.\n\n" + ARTICLE)
  .replace("particularly Pakistan's shaky cooperation", "particularly Pakistan's uneasy cooperation")
  .replace(DELETED_PARAGRAPH + "\n\n", "");

/** Three arguments by the facilitator, one quote each. */
async function quotedBoard(t: Table): Promise<{ reworded: string; shifted: string; deleted: string }> {
  const author = { id: t.facilitator.memberId, name: "Fran" };
  const ids: string[] = [];
  for (const text of [REWORDED, SHIFTED, DELETED]) {
    const { ack, value } = await t.facilitator.update((doc: Y.Doc) => addTestArgument(doc, { parentId: US, stance: "for", text: `About: ${text}`, author, quotes: [text] }));
    expect(ack).toEqual({ ok: true });
    ids.push(value.id);
  }
  await t.alice.sees(ids[2]);
  return { reworded: ids[0], shifted: ids[1], deleted: ids[2] };
}

describe("source revisions", () => {
  it("propose, apply and the history refuse everyone but the board's facilitators", async () => {
    const t = await h.table();
    const foreign = await h.table();
    const rows = await h.storedRows(t.boardId);
    await expectFacilitatorsOnly(t, foreign, (token) => propose(t.boardId, token, { text: CORRECTED }));
    await expectFacilitatorsOnly(t, foreign, (token) => apply(t.boardId, token, { text: CORRECTED, baseRevision: 1, decisions: [] }));
    await expectFacilitatorsOnly(t, foreign, (token) => history(t.boardId, token));
    expect(await h.storedRows(t.boardId)).toEqual(rows);
  });

  it("proposes a plan per quote and changes nothing", async () => {
    const t = await h.table();
    const ids = await quotedBoard(t);
    const rows = await h.storedRows(t.boardId);
    const { status, body } = await read(await propose(t.boardId, t.facilitator.seat.memberToken, { text: CORRECTED }));
    expect(status).toBe(200);
    expect(body.baseRevision).toBe(1);
    expect(body.counts).toEqual({ unchanged: 0, moved: 1, "needs-review": 1, orphaned: 1 });
    const byArgument = Object.fromEntries(body.quotes.map((q: { argumentId: string }) => [q.argumentId, q]));
    expect(byArgument[ids.shifted]).toMatchObject({ status: "moved", score: 1, after: { exact: SHIFTED } });
    expect(byArgument[ids.reworded]).toMatchObject({ status: "needs-review", after: { exact: expect.stringContaining("uneasy") } });
    expect(byArgument[ids.reworded].score).toBeGreaterThan(0);
    expect(byArgument[ids.reworded].diff).toEqual(expect.arrayContaining([{ op: "delete", text: expect.stringContaining("shaky") }, { op: "insert", text: expect.stringContaining("uneasy") }]));
    expect(byArgument[ids.deleted]).toMatchObject({ status: "orphaned", after: null, score: 0 });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readMeta(t.alice.doc).sourceSha256).toBe(body.currentSha256);
  });

  it("refuses an empty, oversized, unchanged or malformed text with a clear error", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    const cases: [unknown, number, RegExp][] = [
      [{ text: "   " }, 400, /empty/],
      [{ text: "x".repeat(200_001) }, 400, /at most 200,000/],
      [{ text: ARTICLE }, 400, /nothing to revise/],
      [{}, 400, /text/],
      [{ text: CORRECTED, extra: 1 }, 400, /./],
    ];
    for (const [body, statusCode, message] of cases) {
      const { status, body: answer } = await read(await propose(t.boardId, token, body));
      expect({ status, code: answer.code }).toEqual({ status: statusCode, code: "bad-request" });
      expect(answer.message).toMatch(message);
    }
  });

  it("applies decisions as one update that live clients receive, and retires rejected quotes on the record", async () => {
    const t = await h.table();
    const ids = await quotedBoard(t);
    const token = t.facilitator.seat.memberToken;
    const rows = await h.storedRows(t.boardId);
    const plan = (await read(await propose(t.boardId, token, { text: CORRECTED }))).body;

    // Undecided quotes, a decision about a quote that does not exist, a bad re-selection: refused, nothing stored.
    const refusals: [unknown[], RegExp][] = [
      [[], /Decide about/],
      [[{ argumentId: ids.reworded, quoteIndex: 0, action: "accept" }], /Decide about quote 1 of argument/],
      [[{ argumentId: ids.reworded, quoteIndex: 0, action: "accept" }, { argumentId: ids.deleted, quoteIndex: 0, action: "accept" }], /no proposal to accept/],
      [[{ argumentId: ids.reworded, quoteIndex: 0, action: "accept" }, { argumentId: ids.deleted, quoteIndex: 0, action: "reselect", start: 5, end: 999_999 }], /outside the source/],
      [[{ argumentId: "nope", quoteIndex: 0, action: "reject" }], /no quote 1 on argument "nope"/],
    ];
    for (const [decisions, message] of refusals) {
      const { status, body } = await read(await apply(t.boardId, token, { text: CORRECTED, baseRevision: 1, decisions }));
      expect({ status, code: body.code }).toEqual({ status: 422, code: "invalid-content" });
      expect(body.message).toMatch(message);
    }
    expect(await h.storedRows(t.boardId)).toEqual(rows);

    // Re-select a passage of the new text for the orphan; accept the reworded quote.
    const passage = "suspending aid payments to Pakistan";
    const at = codePointLength(CORRECTED.slice(0, CORRECTED.indexOf(passage)));
    const decisions = [
      { argumentId: ids.reworded, quoteIndex: 0, action: "accept" },
      { argumentId: ids.deleted, quoteIndex: 0, action: "reselect", start: at, end: at + codePointLength(passage) },
    ];
    const applied = await read(await apply(t.boardId, token, { text: CORRECTED, baseRevision: plan.baseRevision, decisions }));
    expect({ status: applied.status, message: applied.body.message }).toEqual({ status: 201, message: undefined });
    expect(applied.body).toMatchObject({ revision: 2, sha256: plan.newSha256, moved: 3, retired: 0 });
    // Exactly one update was stored for the whole revision.
    expect((await h.storedRows(t.boardId)).length).toBe(rows.length + 1);

    // A live participant gets it without reconnecting: new sha, revision 2, every quote moved.
    await waitFor(() => readMeta(t.alice.doc).sourceSha256 === plan.newSha256, { message: "Alice to receive the revision" });
    expect(readSourceRevision(t.alice.doc)).toBe(2);
    expect(readArgument(t.alice.doc, ids.shifted)!.quotes[0]).toMatchObject({ exact: SHIFTED, start: codePointLength(CORRECTED.slice(0, CORRECTED.indexOf(SHIFTED))) });
    expect(readArgument(t.alice.doc, ids.reworded)!.quotes[0].exact).toContain("uneasy cooperation");
    expect(readArgument(t.alice.doc, ids.deleted)!.quotes[0]).toMatchObject({ exact: passage, start: at });

    // The room now checks quotes against the new text: a quote of the corrected text is accepted…
    const author = { id: t.facilitator.memberId, name: "Fran" };
    const fresh = await t.facilitator.update((doc: Y.Doc) => addArgument(doc, CORRECTED, { parentId: US, stance: "for", text: "On the note.", author, quotes: [anchorIn(CORRECTED, "Editor's note")] }));
    expect(fresh.ack).toEqual({ ok: true });

    // …and a second apply on the old base is refused as stale.
    const stale = await read(await apply(t.boardId, token, { text: CORRECTED + "\nMore.", baseRevision: 1, decisions: [] }));
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: "stale-revision" });

    const listed = await read(await history(t.boardId, token));
    expect(listed.body.revisions.map((r: { revision: number; sha256: string }) => [r.revision, r.sha256])).toEqual([
      [1, plan.currentSha256],
      [2, plan.newSha256],
    ]);
  });

  it("recomputes the plan on apply: a quote added after the plan was shown is never moved silently", async () => {
    const t = await h.table();
    const ids = await quotedBoard(t);
    const token = t.facilitator.seat.memberToken;
    const plan = (await read(await propose(t.boardId, token, { text: CORRECTED }))).body;
    const decisions = [
      { argumentId: ids.reworded, quoteIndex: 0, action: "accept" },
      { argumentId: ids.deleted, quoteIndex: 0, action: "reject" },
    ];
    // Someone quotes the removed paragraph after the facilitator saw the plan.
    const late = "due to Islamabad's perceived unwillingness to act against militant groups";
    const author = { id: t.facilitator.memberId, name: "Fran" };
    const added = await t.facilitator.update((doc: Y.Doc) => addTestArgument(doc, { parentId: US, stance: "for", text: "Quoted late.", author, quotes: [late] }));
    expect(added.ack).toEqual({ ok: true });
    const rows = await h.storedRows(t.boardId);
    const refused = await read(await apply(t.boardId, token, { text: CORRECTED, baseRevision: plan.baseRevision, decisions }));
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: "invalid-content" });
    expect(refused.body.message).toContain(`argument "${added.value.id}" (orphaned)`);
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readSourceRevision(await h.served(t))).toBe(1);
  });

  it("a rejected quote leaves its argument but stays on the record with its revision", async () => {
    const t = await h.table();
    const ids = await quotedBoard(t);
    const token = t.facilitator.seat.memberToken;
    const decisions = [
      { argumentId: ids.reworded, quoteIndex: 0, action: "reject" },
      { argumentId: ids.deleted, quoteIndex: 0, action: "reject" },
    ];
    const applied = await read(await apply(t.boardId, token, { text: CORRECTED, baseRevision: 1, decisions }));
    expect(applied.body).toMatchObject({ revision: 2, retired: 2 });
    await waitFor(() => readSourceRevision(t.bob.doc) === 2, { message: "Bob to receive the revision" });
    expect(readArgument(t.bob.doc, ids.reworded)!.quotes).toEqual([]);
    expect(readRetiredQuotes(t.bob.doc)).toEqual([
      expect.objectContaining({ argumentId: ids.reworded, anchoredIn: 1, retiredIn: 2, quote: expect.objectContaining({ exact: REWORDED }) }),
      expect.objectContaining({ argumentId: ids.deleted, anchoredIn: 1, retiredIn: 2, quote: expect.objectContaining({ exact: DELETED }) }),
    ]);
    // A freshly connected client loads the same state from storage.
    expect(readRetiredQuotes(await h.served(t))).toHaveLength(2);
  });
});

function anchorIn(text: string, words: string) {
  const start = codePointLength(text.slice(0, text.indexOf(words)));
  return { exact: words, prefix: "", suffix: "", start, end: start + codePointLength(words) };
}
