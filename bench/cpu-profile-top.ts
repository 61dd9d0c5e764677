// Summarises V8 .cpuprofile files (BENCH_CPU_PROF=<dir> npm run bench -- …) as the functions that
// took the most time: self time (the function's own code) and inclusive time (with what it called).
//
//   node --import tsx bench/cpu-profile-top.ts /tmp/prof/CPU.*.cpuprofile [--top=30] [--match=server/,lib/]
import { readFileSync } from "node:fs";
import { z } from "zod";

const CallFrame = z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() });
const CpuProfile = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: CallFrame, children: z.array(z.number()).optional() })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
type CpuProfile = z.infer<typeof CpuProfile>;

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const top = Number(option("top") ?? 30);
const match = option("match")?.split(",") ?? [];
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) throw new Error("Name at least one .cpuprofile file.");

/** "name path:line", with node_modules and the checkout's own path shortened. */
function label(frame: z.infer<typeof CallFrame>): string {
  const where = frame.url.replace(/^.*node_modules\//, "nm/").replace(/^file:\/\/.*?\/(server|lib|bench)\//, "$1/");
  return `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
}

/** Milliseconds per function: own samples, and samples with the function anywhere on the stack (once per stack). */
function timings(profile: CpuProfile): { self: Map<string, number>; inclusive: Map<string, number>; totalMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const sampled = new Map<number, number>();
  profile.samples.forEach((id, index) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of sampled) {
    totalMs += ms;
    const own = label(byId.get(id)!.callFrame);
    self.set(own, (self.get(own) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!.callFrame);
      if (seen.has(name)) continue; // recursion counts once
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  return { self, inclusive, totalMs };
}

function print(title: string, rows: Map<string, number>, totalMs: number): void {
  console.log(`  ${title}`);
  const wanted = [...rows].filter(([name]) => match.length === 0 || match.some((part) => name.includes(part)));
  for (const [name, ms] of wanted.sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`);
  }
}

for (const file of files) {
  const { self, inclusive, totalMs } = timings(CpuProfile.parse(JSON.parse(readFileSync(file, "utf8"))));
  const idle = self.get("(idle) :0") ?? 0;
  console.log(`\n${file}: ${totalMs.toFixed(0)} ms sampled, ${((100 * idle) / totalMs).toFixed(0)}% idle`);
  print("self time", self, totalMs);
  print("inclusive time", inclusive, totalMs);
}
