import { afterAll, describe, expect, it } from "vitest";
import { createAnchor } from "@/lib/anchoring/anchor";
import { planReanchoring } from "@/lib/anchoring/reanchor";
import { typographyKey } from "@/lib/anchoring/typography";
import { ARTICLE } from "./fixtures/article-revisions";
import { randomAnchors, randomRevision } from "./fixtures/random-revisions";

/**
 * Property: for random edits of the article, every quote marked unchanged/moved says the same words
 * (typography aside) and sits on characters that the edit history says came from the old quote.
 */
// A longer soak: REANCHOR_FUZZ_SEEDS=500 REANCHOR_FUZZ_EDITS=8 npx vitest run tests/unit/reanchor.fuzz.test.ts
const SEEDS = Array.from({ length: Number(process.env.REANCHOR_FUZZ_SEEDS ?? 40) }, (_, i) => 1000 + i);
const MAX_EDITS = Number(process.env.REANCHOR_FUZZ_EDITS ?? 4);
const ANCHORS_PER_REVISION = 30;
const totals = { unchanged: 0, moved: 0, "needs-review": 0, orphaned: 0 };

describe("re-anchoring random revisions of the article", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => {
      const revision = randomRevision(ARTICLE, seed, MAX_EDITS);
      const anchors = randomAnchors(ARTICLE, seed * 7 + 1, ANCHORS_PER_REVISION);
      const plan = planReanchoring(ARTICLE, revision.text, anchors);
      plan.forEach((proposal, index) => {
        totals[proposal.status]++;
        if (proposal.status !== "unchanged" && proposal.status !== "moved") return;
        const old = anchors[index];
        const where = `seed ${seed} (${revision.edits.join("; ")}), quote ${JSON.stringify(old.exact)}`;
        const built = createAnchor(revision.text, proposal.anchor.start, proposal.anchor.end);
        expect(built.ok && built.anchor, where).toEqual(proposal.anchor);
        expect(typographyKey(proposal.anchor.exact), where).toBe(typographyKey(old.exact));
        const origins = revision.origins.slice(proposal.anchor.start, proposal.anchor.end).filter((origin) => origin !== -1);
        expect(origins.length, where).toBeGreaterThan(0);
        for (const origin of origins) {
          expect(origin >= old.start && origin < old.end, `${where}: character from old offset ${origin}`).toBe(true);
        }
      });
    });
  }

  afterAll(() => {
    console.log(`random revisions: ${JSON.stringify(totals)}`);
  });
});
