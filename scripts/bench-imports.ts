// `npx tsx scripts/bench-imports.ts [arguments]`: how long the AIF and Kialo importers take on a large
// map (default 10,000 arguments), parsed in place. Not a test: figures vary with the machine. In the
// server both run in the render pool, off the event loop.
import { fromAif } from "../lib/export/aif-import";
import { fromKialo } from "../lib/export/kialo-import";

const count = Number(process.argv[2] ?? 10_000);

/** A wide and deep AIF map: each argument answers the one `fanout` places before it, alternating RA/CA, with one L/YA each. */
function bigAif(n: number, fanout = 8): string {
  const nodes: object[] = [{ nodeID: 0, text: "Cities should ban cars downtown.", type: "I" }, { nodeID: -1, text: "Cities should keep cars downtown.", type: "I" }];
  const edges: object[] = [];
  const text: string[] = [];
  for (let i = 1; i <= n; i++) {
    const parent = Math.max(0, i - fanout);
    const claim = `Argument ${i}: a reason of ordinary length that answers argument ${parent} with a few more words.`;
    text.push(claim);
    nodes.push({ nodeID: i, text: claim, type: "I" }, { nodeID: n + i, text: "", type: i % 3 ? "RA" : "CA" }, { nodeID: 2 * n + i, text: `Speaker ${i % 40} : ${claim}`, type: "L" }, { nodeID: 3 * n + i, text: "Asserting", type: "YA" });
    edges.push({ fromID: i, toID: n + i }, { fromID: n + i, toID: parent }, { fromID: 2 * n + i, toID: 3 * n + i }, { fromID: 3 * n + i, toID: i });
  }
  return JSON.stringify({ nodes, edges, locutions: [], text: text.join("<br>").slice(0, 190_000) });
}

/** A Kialo outline with `n` claims, eight replies per claim, breadth-first. */
function bigKialo(n: number): string {
  const numbers = ["1"];
  const lines = ["Discussion Title: A large discussion", "", "1. Cities should ban cars downtown."];
  for (let i = 1; i <= n; i++) {
    const parent = numbers[Math.floor((i - 1) / 8)];
    const number = `${parent}.${((i - 1) % 8) + 1}`;
    numbers.push(number);
    lines.push(`${number}. ${i % 3 ? "Pro" : "Con"}: Claim ${i}, a reason of ordinary length with a few more words.`);
  }
  return lines.join("\n");
}

for (const [label, text, read] of [
  ["AIF", bigAif(count), fromAif],
  ["Kialo", bigKialo(count), fromKialo],
] as const) {
  const started = performance.now();
  const result = read(text);
  const ms = performance.now() - started;
  const outcome = result.ok ? `${result.board.arguments.length} arguments` : `refused: ${result.errors[0].message}`;
  console.log(`${label}: ${(text.length / 1e6).toFixed(2)} MB, ${count} arguments → ${outcome} in ${ms.toFixed(0)} ms`);
}
