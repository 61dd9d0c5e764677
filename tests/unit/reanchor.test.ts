import { afterAll, describe, expect, it } from "vitest";
import { createAnchor, verifyAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { planReanchoring, type ReanchorProposal } from "@/lib/anchoring/reanchor";
import { codePointLength } from "@/lib/anchoring/text";
import { typographyKey } from "@/lib/anchoring/typography";
import { anchorOn, ARTICLE, articleAnchors, QUOTE_NAMES, QUOTES } from "./fixtures/article-revisions";
import { SCENARIOS, type Expectation } from "./fixtures/article-scenarios";

const OLD_ANCHORS = articleAnchors();
const table: string[] = [];

/** A certain result must be a valid anchor on the new text saying the same words as the old quote. */
function expectSound(newText: string, old: QuoteAnchor, proposal: ReanchorProposal) {
  if (proposal.status === "orphaned") {
    expect(proposal.anchor).toBeNull();
    expect(proposal.score).toBe(0);
    return;
  }
  const fresh = createAnchor(newText, proposal.anchor.start, proposal.anchor.end);
  expect(fresh.ok && fresh.anchor).toEqual(proposal.anchor);
  if (proposal.status === "needs-review") {
    expect(proposal.score).toBeGreaterThan(0);
    expect(proposal.score).toBeLessThan(1);
    expect(proposal.diff.before).toBe(old.exact);
    expect(proposal.diff.after).toBe(proposal.anchor.exact);
  } else {
    expect(proposal.score).toBe(1);
    expect(typographyKey(proposal.anchor.exact)).toBe(typographyKey(old.exact));
  }
}

function meets(newText: string, expectation: Expectation, proposal: ReanchorProposal): boolean {
  const certain = proposal.status === "unchanged" || proposal.status === "moved";
  switch (expectation.kind) {
    case "certain":
      return certain && sameRange(proposal.anchor, anchorOn(newText, expectation.quote, expectation.near));
    case "review":
      return proposal.status === "needs-review";
    case "not-certain":
      return !certain;
    case "orphaned":
      return proposal.status === "orphaned";
  }
}

function sameRange(a: QuoteAnchor | null, b: QuoteAnchor): boolean {
  return a !== null && a.start === b.start && a.end === b.end;
}

describe("planReanchoring on edited versions of the seed article", () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => {
      const plan = planReanchoring(ARTICLE, scenario.newText, OLD_ANCHORS);
      expect(plan).toHaveLength(OLD_ANCHORS.length);
      const counts = { unchanged: 0, moved: 0, "needs-review": 0, orphaned: 0 };
      let wrongMoves = 0;
      QUOTE_NAMES.forEach((name, index) => {
        const proposal = plan[index];
        counts[proposal.status]++;
        expectSound(scenario.newText, OLD_ANCHORS[index], proposal);
        const expectation = scenario.expect[name];
        const ok = meets(scenario.newText, expectation, proposal);
        const certain = proposal.status === "unchanged" || proposal.status === "moved";
        if (certain && !ok) wrongMoves++;
        expect(ok, `${name}: expected ${expectation.kind}, got ${proposal.status} (${proposal.reason})`).toBe(true);
      });
      table.push(
        `${scenario.name.padEnd(42)} ${String(counts.unchanged).padStart(3)} ${String(counts.moved).padStart(3)} ${String(counts["needs-review"]).padStart(3)} ${String(counts.orphaned).padStart(3)}   silent wrong moves: ${wrongMoves}`,
      );
    });
  }

  afterAll(() => {
    console.log(`${"scenario".padEnd(42)} unch mov rev orph\n${table.join("\n")}`);
  });
});

describe("planReanchoring details", () => {
  it("marks identical texts unchanged with fresh, equal anchors", () => {
    const plan = planReanchoring(ARTICLE, ARTICLE, OLD_ANCHORS);
    plan.forEach((proposal, index) => {
      expect(proposal.status).toBe("unchanged");
      expect(proposal.anchor).toEqual(OLD_ANCHORS[index]);
    });
  });

  it("shows a typo inside a quote as a before/after diff for review", () => {
    const newText = ARTICLE.replace("mutual trust", "mutal trust");
    const [proposal] = planReanchoring(ARTICLE, newText, [anchorOn(ARTICLE, QUOTES.mutualTrust.quote, QUOTES.mutualTrust.near)]);
    expect(proposal.status).toBe("needs-review");
    if (proposal.status !== "needs-review") return;
    expect(proposal.reason).toBe("quote-text-changed");
    expect(proposal.anchor.exact).toBe("reset bilateral ties on basis of mutal trust and respect");
    expect(proposal.diff.ops.some((op) => op.op !== "equal")).toBe(true);
    expect(proposal.diff.ops.filter((op) => op.op !== "insert").map((op) => op.text).join("")).toBe(proposal.diff.before);
    expect(proposal.diff.ops.filter((op) => op.op !== "delete").map((op) => op.text).join("")).toBe(proposal.diff.after);
  });

  it("offers another occurrence of a short quote only for review, never as a move", () => {
    const old = anchorOn(ARTICLE, "Taliban", "The Taliban have good ties with Iran");
    const index = ARTICLE.indexOf("The Taliban have good ties");
    const newText = ARTICLE.slice(0, index) + ARTICLE.slice(ARTICLE.indexOf("Why would they", index));
    const [proposal] = planReanchoring(ARTICLE, newText, [old]);
    expect(["needs-review", "orphaned"]).toContain(proposal.status);
    if (proposal.status === "needs-review") expect(proposal.reason).toBe("only-matches-elsewhere");
  });

  it("proposes a short quote whose sentence was rewritten at its own passage, for review", () => {
    const old = anchorOn(ARTICLE, "Taliban", "expressed his support for the Taliban");
    const newText = ARTICLE.replace("expressed his support for the Taliban", "is widely seen as too close to the Taliban");
    const [proposal] = planReanchoring(ARTICLE, newText, [old]);
    expect(proposal.status).toBe("needs-review");
    expect(proposal.reason).toBe("context-changed");
    expect(proposal.anchor).toEqual(anchorOn(newText, "Taliban", "too close to the Taliban"));
  });

  it("does not treat a paragraph break inserted inside a quote as typography", () => {
    const old = anchorOn(ARTICLE, QUOTES.subservient.quote, QUOTES.subservient.near);
    const newText = ARTICLE.replace("India; Pakistan will never", "India;\n\nPakistan will never");
    const [proposal] = planReanchoring(ARTICLE, newText, [old]);
    expect(proposal.status).toBe("needs-review");
  });

  it("never re-attaches a deleted name to a look-alike fragment of another word", () => {
    const oldText = "Linus Torvalds wrote the kernel.\n\nMost machines run it.";
    const newText = "Torvalds wrote the kernel.\n\nMost machines run it.";
    const [proposal] = planReanchoring(oldText, newText, [anchorOn(oldText, "Linus")]);
    expect(["needs-review", "orphaned"]).toContain(proposal.status);
  });

  it("counts offsets in code points when emoji precede the quote", () => {
    const old = anchorOn(ARTICLE, QUOTES.toughMessage.quote, QUOTES.toughMessage.near);
    const newText = "\u{1f600}\u{1f600} " + ARTICLE;
    const [proposal] = planReanchoring(ARTICLE, newText, [old]);
    expect(proposal.status).toBe("moved");
    expect(proposal.anchor?.start).toBe(old.start + 3);
    expect(proposal.anchor?.end).toBe(old.end + 3);
  });

  it("re-anchors a quote that itself contains an emoji", () => {
    const oldText = "Intro \u{1f600} text.\n\nShe said \u{1f44d} it works fine, and left.";
    const old = anchorOn(oldText, "\u{1f44d} it works fine");
    const newText = "A new \u{1f389}\u{1f389} opening line.\n\n" + oldText;
    const [proposal] = planReanchoring(oldText, newText, [old]);
    expect(proposal.status).toBe("moved");
    expect(proposal.anchor?.exact).toBe("\u{1f44d} it works fine");
    expect(proposal.anchor?.start).toBe(old.start + codePointLength("A new \u{1f389}\u{1f389} opening line.\n\n"));
  });

  it("treats an anchor that does not fit the old text as at most a review candidate", () => {
    const good = anchorOn(ARTICLE, QUOTES.toughMessage.quote, QUOTES.toughMessage.near);
    const stale = { ...good, start: good.start + 5, end: good.end + 5 };
    const [proposal] = planReanchoring(ARTICLE, ARTICLE, [stale]);
    expect(proposal.status).toBe("needs-review");
    expect(proposal.reason).toBe("anchor-was-stale");
    expect(proposal.anchor && verifyAnchor(ARTICLE, proposal.anchor).ok).toBe(true);
  });

  it("orphans a malformed anchor instead of throwing", () => {
    const broken = { exact: "", prefix: "", suffix: "", start: 4, end: 2 } as QuoteAnchor;
    expect(planReanchoring(ARTICLE, ARTICLE, [broken])).toEqual([{ status: "orphaned", anchor: null, score: 0, reason: "invalid-anchor" }]);
  });

  it("returns nothing for no anchors", () => {
    expect(planReanchoring(ARTICLE, "", [])).toEqual([]);
  });
});
