/**
 * The benchmark's board content, identical for every server kind: the seed article's board (its two
 * positions), and the edit every scenario sends — one argument of about 200 characters quoting the
 * article. The argument's id is the edit's marker and its text ends with the intended send time, so a
 * receiver in another process can time it and the database watcher can find it in stored bytes.
 */
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { createAnchor } from "../lib/anchoring/anchor";
import { initBoardDoc, readPositions } from "../lib/board/doc";
import { makePositions } from "../lib/board/position";
import { addArgument } from "../lib/board/operations";
import { demoPositionDrafts, loadDemoSource } from "../prisma/seed/demo-board";

export const BOARD_TITLE = "Benchmark board";
const source = loadDemoSource();
const SOURCE_TEXT = source.text;
const QUOTE = (() => {
  const anchor = createAnchor(source.text, 0, 40);
  if (!anchor.ok) throw new Error(`The seed article cannot be quoted: ${anchor.message}`);
  return anchor.anchor;
})();
const FILLER =
  "The article's own words show the claim overreaches: the quoted passage reports one official's account, " +
  "and nothing else in the text corroborates it, so the stronger reading is not supported";

/** The source document as createBoard takes it (without its hash). */
export function benchSource() {
  const { sha256: _sha, ...draft } = source;
  return draft;
}

/** Every marker starts with "bm" and the phase, so stragglers of an earlier phase are never counted. */
export function markerId(phase: number, sender: number, seq: number): string {
  return `bm${phase}-${sender}-${seq}`;
}

/** The argument text: ~200 characters, ending with the intended send time. */
export function stampedText(intendedAt: number): string {
  return `${FILLER} [t=${intendedAt.toFixed(3)}]`;
}

/** The intended send time written by stampedText, or null for any other text. */
export function readStamp(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const match = /\[t=(\d+(?:\.\d+)?)\]$/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Adds one benchmark argument under the first position (mutates `doc`), exactly as the app's editor
 * would: through the board model, with a quote of the article.
 */
export function addBenchArgument(doc: Y.Doc, id: string, text: string, now = Date.now()): void {
  const position = readPositions(doc)[0];
  if (!position) throw new Error("The board has no positions yet: wait until it is synced.");
  const added = addArgument(doc, SOURCE_TEXT, { parentId: position.id, stance: "for", text, quotes: [QUOTE], author: { id: "bench", name: "Bench" } }, { id, now });
  if (!added.ok) throw new Error(`The benchmark argument was refused by the model: ${added.error.message}`);
}

/** Fills `doc` with `count` arguments (a loaded board for the memory and cold-load scenarios). */
export function fillArguments(doc: Y.Doc, count: number): void {
  for (let i = 0; i < count; i++) addBenchArgument(doc, `seed-${i}`, stampedText(0), 1_795_000_000_000);
}

/**
 * A board's whole document as one update, built the way server/boards/create-board.ts builds an open
 * board: for the peers (Hocuspocus's document row, the relay's room), which have no board model.
 */
export function boardUpdate(argumentCount: number): Uint8Array {
  const doc = new Y.Doc();
  const sourceSha256 = createHash("sha256").update(SOURCE_TEXT, "utf8").digest("hex");
  initBoardDoc(doc, { title: BOARD_TITLE, sourceSha256 }, makePositions(demoPositionDrafts()));
  fillArguments(doc, argumentCount);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
