import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { expect } from "./fixtures";

/** Impacts that fail the check; other findings are attached to the report instead. */
const BLOCKING = new Set(["serious", "critical"]);
/** Lesser rules that fail it too: the findings of the class trial (issue 9), fixed and kept fixed. */
const ALSO_BLOCKING = new Set(["heading-order", "landmark-unique", "label-content-name-mismatch"]);

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation (or one of
 * ALSO_BLOCKING), naming the rule and the offending elements. Every finding, whatever its impact, is attached to the test report.
 */
export async function expectNoSeriousA11yViolations(page: Page, where: string, testInfo: TestInfo): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  // Label-in-name is still "experimental" in axe: run it by name, without the rest of that tag's noise.
  const labelInName = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
  const summary = [...results.violations, ...labelInName.violations].map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    count: v.nodes.length,
  }));
  await testInfo.attach(`axe-${where}.json`, { body: JSON.stringify(summary, null, 2), contentType: "application/json" });
  const blocking = summary.filter((v) => BLOCKING.has(v.impact ?? "") || ALSO_BLOCKING.has(v.rule));
  expect(blocking, `serious or critical accessibility violations on ${where}:\n${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}
