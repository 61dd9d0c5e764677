// How much one compaction costs as a board grows: a board of N arguments as its snapshot, then the
// log of `--log` benchmark edits after it, folded as the compaction worker folds them.
//
//   node --import tsx bench/fold-cost.ts [--sizes=100,1000,5000] [--log=200]
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { foldUpdates } from "../lib/board/snapshot";
import { addBenchArgument, boardUpdate, stampedText } from "./board-content";

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const sizes = (option("sizes") ?? "100,1000,5000").split(",").map(Number);
const logLength = Number(option("log") ?? 200);

for (const size of sizes) {
  const snapshot = boardUpdate(size);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const log: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => log.push(update));
  for (let i = 0; i < logLength; i++) addBenchArgument(doc, `bm0-0-${i}`, stampedText(Date.now()));
  const logBytes = log.reduce((sum, u) => sum + u.byteLength, 0);
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    foldUpdates([snapshot, ...log]);
    runs.push(performance.now() - started);
  }
  const encodeStarted = performance.now();
  Y.encodeStateAsUpdate(doc);
  const encodeMs = performance.now() - encodeStarted;
  runs.sort((a, b) => a - b);
  console.log(`${size} arguments (${(snapshot.byteLength / 1024).toFixed(0)} KB) + ${logLength} edits (${(logBytes / 1024).toFixed(0)} KB): fold median ${runs[2].toFixed(1)} ms (min ${runs[0].toFixed(1)}); encoding the live doc ${encodeMs.toFixed(1)} ms`);
}
