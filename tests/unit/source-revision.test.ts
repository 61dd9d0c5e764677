import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument } from "@/lib/board/argument";
import { argumentsMap, initBoardDoc, readArgument, readMeta, writeRecord } from "@/lib/board/doc";
import { resolveRevision, type QuoteDecision } from "@/lib/revisions/revision-decisions";
import { needsDecision, planSourceRevision, RevisionTextSchema } from "@/lib/revisions/revision-plan";
import { revisionLabel } from "@/lib/revisions/revision-views";
import { readRetiredQuotes, readSourceRevision, writeSourceRevision } from "@/lib/revisions/source-revision-meta";
import { wordDiff } from "@/lib/revisions/word-diff";

const OLD = "The first paragraph stays as it was written.\n\nThe mayor said the bridge would reopen in March after repairs.\n\nA closing paragraph about the weather in the valley.";
const NEW = "A new opening paragraph.\n\nThe first paragraph stays as it was written.\n\nThe mayor said the bridge would reopen in April after repairs.\n\nSomething else entirely.";

function anchor(text: string, words: string): QuoteAnchor {
  const start = text.indexOf(words);
  const built = createAnchor(text, start, start + words.length);
  if (!built.ok) throw new Error(built.message);
  return built.anchor;
}

function argument(id: string, quotes: QuoteAnchor[]): Argument {
  return { id, positionId: "p", parentId: "p", stance: "for", text: id, quotes, authorId: "a", authorName: "A", createdAt: 1, updatedAt: 1 };
}

const ARGS = [
  argument("stays", [anchor(OLD, "stays as it was written")]),
  argument("edited", [anchor(OLD, "the bridge would reopen in March")]),
  argument("gone", [anchor(OLD, "about the weather in the valley")]),
];

describe("planSourceRevision", () => {
  it("plans every quote in argument order with a status, a score and a word diff", () => {
    const plan = planSourceRevision(OLD, NEW, ARGS);
    expect(plan.counts).toEqual({ unchanged: 0, moved: 1, "needs-review": 1, orphaned: 1 });
    expect(plan.quotes.map((q) => [q.argumentId, q.quoteIndex, q.status])).toEqual([
      ["stays", 0, "moved"],
      ["edited", 0, "needs-review"],
      ["gone", 0, "orphaned"],
    ]);
    expect(plan.quotes[1].diff).toEqual([
      { op: "equal", text: "the bridge would reopen in " },
      { op: "delete", text: "March" },
      { op: "insert", text: "April" },
    ]);
    expect(plan.quotes[2]).toMatchObject({ after: null, score: 0, diff: [] });
    expect(plan.quotes.filter(needsDecision).map((q) => q.argumentId)).toEqual(["edited", "gone"]);
  });

  it("refuses an empty or oversized text", () => {
    expect(RevisionTextSchema.safeParse(" \n").success).toBe(false);
    expect(RevisionTextSchema.safeParse("x".repeat(200_001)).success).toBe(false);
    expect(RevisionTextSchema.safeParse(NEW).success).toBe(true);
  });
});

describe("resolveRevision", () => {
  const plan = planSourceRevision(OLD, NEW, ARGS).quotes;
  const accept: QuoteDecision = { argumentId: "edited", quoteIndex: 0, action: "accept" };
  const rejectGone: QuoteDecision = { argumentId: "gone", quoteIndex: 0, action: "reject" };

  it("applies certain placements without asking and needs a decision for every other quote", () => {
    const undecided = resolveRevision(NEW, plan, [accept]);
    expect(undecided).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Decide about quote 1 of argument "gone" \(orphaned\)/) } });
    const done = resolveRevision(NEW, plan, [accept, rejectGone]);
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.quotes.get("stays")![0].exact).toBe("stays as it was written");
    expect(done.value.quotes.get("edited")![0].exact).toBe("the bridge would reopen in April");
    expect(done.value.quotes.get("gone")).toEqual([]);
    expect(done.value.retired).toEqual([{ argumentId: "gone", quote: ARGS[2].quotes[0] }]);
  });

  it("checks a re-selected passage against the new text", () => {
    const start = NEW.indexOf("Something else");
    const ok = resolveRevision(NEW, plan, [accept, { argumentId: "gone", quoteIndex: 0, action: "reselect", start, end: start + 14 }]);
    expect(ok.ok && ok.value.quotes.get("gone")![0].exact).toBe("Something else");
    for (const [start, end] of [[0, NEW.length + 5], [3, 3]]) {
      expect(resolveRevision(NEW, plan, [accept, { argumentId: "gone", quoteIndex: 0, action: "reselect", start, end }]).ok).toBe(false);
    }
  });

  it("refuses accepting an orphan, two decisions for one quote, and decisions about quotes that do not exist", () => {
    expect(resolveRevision(NEW, plan, [accept, { ...rejectGone, action: "accept" }])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no proposal to accept/) } });
    expect(resolveRevision(NEW, plan, [accept, accept, rejectGone])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/two decisions/) } });
    expect(resolveRevision(NEW, plan, [accept, rejectGone, { argumentId: "stays", quoteIndex: 3, action: "reject" }]).ok).toBe(false);
  });

  it("leaves arguments whose quotes do not change out of the result", () => {
    const same = planSourceRevision(OLD, OLD + "\n\nAppended.", ARGS.slice(0, 1)).quotes;
    const done = resolveRevision(OLD + "\n\nAppended.", same, []);
    expect(done.ok && done.value.quotes.size).toBe(0);
  });
});

describe("the revision in the board document", () => {
  it("writes sha, revision, moved quotes and retired quotes in one transaction", () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: "T", sourceSha256: "a".repeat(64) }, []);
    for (const arg of ARGS) writeRecord(argumentsMap(doc), arg.id, arg);
    expect(readSourceRevision(doc)).toBe(1);
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const moved = anchor(NEW, "the bridge would reopen in April");
    writeSourceRevision(doc, { revision: 2, sha256: "b".repeat(64), quotes: new Map([["edited", [moved]], ["gone", []]]), retired: [{ argumentId: "gone", quote: ARGS[2].quotes[0] }], now: 99 });
    expect(transactions).toBe(1);
    expect(readMeta(doc).sourceSha256).toBe("b".repeat(64));
    expect(readSourceRevision(doc)).toBe(2);
    expect(readArgument(doc, "edited")).toMatchObject({ quotes: [moved], updatedAt: 99 });
    expect(readArgument(doc, "stays")!.quotes).toEqual(ARGS[0].quotes);
    expect(readRetiredQuotes(doc)).toEqual([{ argumentId: "gone", quote: ARGS[2].quotes[0], anchoredIn: 1, retiredIn: 2, retiredAt: 99 }]);
  });
});

describe("wordDiff and revisionLabel", () => {
  it("diffs whole words", () => {
    expect(wordDiff("a shaky truce", "a shakey truce")).toEqual([
      { op: "equal", text: "a " },
      { op: "delete", text: "shaky" },
      { op: "insert", text: "shakey" },
      { op: "equal", text: " truce" },
    ]);
    expect(wordDiff("same", "same")).toEqual([{ op: "equal", text: "same" }]);
  });

  it("names a revision by number and sha256 prefix", () => {
    expect(revisionLabel(2, "0123456789abcdef".repeat(4))).toBe("revision 2 (sha256 0123456789ab)");
  });
});
