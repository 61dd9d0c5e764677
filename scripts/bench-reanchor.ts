// `node --import tsx scripts/bench-reanchor.ts`: how long planning re-anchoring takes for 200 quotes
// on the ~9k-character seed article. Not a test: numbers vary with the machine; the CPU figure is the
// process's own CPU time, less distorted than wall time on a shared machine.
//
//   light edit      a few typos outside quotes (nearly every quote certain)
//   heavy edit      a third of the paragraphs deleted and the rest reworded in places (many reviews)
//   unrelated text  the new source shares nothing with the old (every quote searched, then orphaned)
import { readFileSync } from "node:fs";
import { createAnchor, type QuoteAnchor } from "../lib/anchoring/anchor";
import { planReanchoring } from "../lib/anchoring/reanchor";

const ARTICLE = readFileSync(new URL("../prisma/seed/article.txt", import.meta.url), "utf8");
const ANCHORS = Number(process.env.BENCH_ANCHORS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** Quotes of 1–10 words spread evenly over the article. */
function anchors(text: string, count: number): QuoteAnchor[] {
  const points = Array.from(text);
  const starts = points.flatMap((char, i) => (/\S/.test(char) && (i === 0 || /\s/.test(points[i - 1])) ? [i] : []));
  const out: QuoteAnchor[] = [];
  for (let i = 0; out.length < count; i++) {
    const first = Math.floor((i * 7919) % starts.length);
    const end = starts[Math.min(starts.length - 1, first + 1 + (i % 10))] - 1;
    const built = createAnchor(text, starts[first], Math.max(starts[first] + 1, end));
    if (built.ok) out.push(built.anchor);
  }
  return out;
}

function heavyEdit(text: string): string {
  return text
    .split("\n\n")
    .filter((_, i) => i % 3 !== 1)
    .map((paragraph, i) => (i % 2 === 0 ? paragraph.replace(/Pakistan/g, "the country") : paragraph))
    .join("\n\n");
}

const quotes = anchors(ARTICLE, ANCHORS);
const revisions: Array<[string, string]> = [
  ["light edit", ARTICLE.replace("maneuvering", "manoeuvring").replace("skepticism", "scepticism")],
  ["heavy edit", heavyEdit(ARTICLE)],
  ["unrelated text", "Tomatoes grow best in warm soil with plenty of sun. ".repeat(170)],
];

for (const [name, newText] of revisions) {
  const times: number[] = [];
  const cpu: number[] = [];
  let counts: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    const plan = planReanchoring(ARTICLE, newText, quotes);
    const used = process.cpuUsage(cpuBefore);
    times.push(performance.now() - began);
    cpu.push((used.user + used.system) / 1000);
    counts = {};
    for (const proposal of plan) counts[proposal.status] = (counts[proposal.status] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(15)} ${quotes.length} quotes: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms ` +
      `(CPU ${cpu[Math.floor(cpu.length / 2)].toFixed(0)} ms), worst ${times[times.length - 1].toFixed(0)} ms  ${JSON.stringify(counts)}`,
  );
}
