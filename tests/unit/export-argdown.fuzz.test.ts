/**
 * Seeded fuzz of the Argdown export: boards whose every string (texts, labels, names, keys, ids, the
 * source) is stitched from pieces of Argdown, YAML and Markdown syntax, control characters and odd
 * whitespace. Each must parse cleanly with the reference parser, mean what the board means, and import
 * back unchanged. A seed that once failed belongs in REGRESSION_SEEDS.
 */
import { describe, expect, it } from "vitest";
import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument } from "@/lib/board/argument";
import { POSITION_COLORS } from "@/lib/board/constants";
import type { Position } from "@/lib/board/position";
import { relationsOf, type ExportBoard } from "@/lib/export/board-export";
import { toArgdown } from "@/lib/export/argdown";
import { sha256Hex } from "@/lib/export/sha256";
import { fromArgdown } from "@/lib/export/argdown-import";
import { parleyText, parseReference, problems } from "./support/argdown-reference";

const PIECES = [
  "[", "]", "<", ">", "@", "#", "*", "**", "_", "__", "/", "//", "/*", "*/", "<!--", "-->", "{", "}", "+", "-", "--", "=", "==", "===",
  ".", ":", ",", ";", "(", ")", "(1)", "1.", "\\", "\\n", "\\\\", '"', "'", "|", "`", "!", "?", "~", "^", "$", "%", "&",
  " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\r", "\n  + ", "\n- ", "\n# ", "\n> ", "\n===\n",
  "a", "Z", "7", "word", "é", "👍🏽", "\u00a0", "\u2028", "\u0085", "\ufeff", "\u0000", "\u001b", "\u007f", "\ud83d",
  ":check:", ":)", ".x.", "#(", "#tag", "#(a b)", "@[x]", "@<y>", "[x](y)", "<x>:", "[x]:", "<-", "+>", "><", "_>", "<_",
  "---", "...", "? ", ": ", "- ", "&a", "*a", "!!str", "%YAML", "{a: b}", "} x", "}, ", "}}", "true", "null", "0x1F", "1e3",
];

const BLOCK_SAFE_PIECES = PIECES.filter((p) => !/[\p{Cc}\u2028\u2029\ufeff]|\p{Cs}|===/u.test(p.replace(/[\t\n]/g, " ")));

/** mulberry32: small, fast, and the same sequence everywhere for a given seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  /** Board texts are trimmed (the model trims them); a source is taken as it comes. */
  const text = (maxPieces: number, maxLength: number, fallback: string, pieces = PIECES, trim = true) => {
    let out = "";
    for (let i = 1 + int(maxPieces); i > 0; i--) out += pick(pieces);
    out = out.slice(0, maxLength);
    return (trim ? out.trim() : out) || fallback;
  };
  return { next, int, pick, text };
}

function fuzzBoard(seed: number): ExportBoard {
  const r = random(seed);
  // Often a source a YAML block scalar can carry (leading spaces, blank lines, tabs), else anything.
  const source = r.next() < 0.4 ? r.text(60, 2000, "source", BLOCK_SAFE_PIECES, false) : r.text(60, 2000, "source", PIECES, false);
  const keys = new Set<string>();
  while (keys.size < 2 + r.int(5)) keys.add(r.text(4, 30, `k${keys.size}`));
  const positions: Position[] = [...keys].map((key, order) => ({ id: `pos-${key}`, key, label: r.text(8, 80, "label"), color: r.pick(POSITION_COLORS), order }));
  const args: Argument[] = [];
  for (let i = r.int(9); i > 0; i--) {
    const parent = args.length > 0 && r.next() < 0.6 ? r.pick(args) : null;
    const position = parent ? positions.find((p) => p.id === parent.positionId)! : r.pick(positions);
    const quotes: QuoteAnchor[] = [];
    for (let q = r.int(3); q > 0; q--) {
      const start = r.int(source.length);
      const anchor = createAnchor(source, start, Math.min(source.length, start + 1 + r.int(40)));
      if (anchor.ok) quotes.push(anchor.anchor);
    }
    const createdAt = r.int(2 ** 40);
    args.push({
      id: `${r.text(3, 40, "id")}-${args.length}`,
      positionId: position.id,
      parentId: parent?.id ?? position.id,
      stance: r.pick(["for", "against"] as const),
      text: r.text(40, 2000, "text"),
      quotes,
      authorId: r.text(3, 64, "author"),
      authorName: r.text(6, 40, "name"),
      createdAt,
      updatedAt: createdAt + r.int(1000),
    });
  }
  const stamp = "2026-01-01T00:00:00.000Z";
  return {
    board: { id: `fuzz-${seed}`, title: r.text(10, 140, "title"), createdAt: stamp, updatedAt: stamp },
    source: {
      title: r.text(10, 140, "source title"),
      publisher: r.next() < 0.5 ? null : r.text(5, 60, "publisher"),
      publishedOn: r.next() < 0.5 ? null : "2024-02-29",
      language: "en",
      text: source,
      sha256: sha256Hex(source),
    },
    positions,
    arguments: args,
  };
}

/** Seeds that once broke the export; they run first, by name. */
const REGRESSION_SEEDS: number[] = [];
const SEEDS = [...REGRESSION_SEEDS, ...Array.from({ length: 100 }, (_, i) => 1000 + i)];

const idOf = (el: { data?: { parley?: { id?: string } } } | undefined) => el?.data?.parley?.id;

describe("Argdown export fuzz", () => {
  it.each(SEEDS)("seed %i: parses cleanly and keeps the board's structure and text", (seed) => {
    const board = fuzzBoard(seed);
    const argdown = toArgdown(board);
    const response = parseReference(argdown);
    expect(problems(response)).toEqual([]);
    expect(Object.keys(response.statements ?? {})).toHaveLength(board.positions.length);
    expect(Object.keys(response.arguments ?? {})).toHaveLength(board.arguments.length);
    const relations = (response.relations ?? []).map((rel) => `${idOf(rel.from)} ${rel.relationType} ${idOf(rel.to)}`);
    expect(relations.sort()).toEqual(relationsOf(board).map((rel) => `${rel.fromId} ${rel.kind} ${rel.toId}`).sort());
    const texts = new Map(Object.values(response.arguments ?? {}).map((a) => [idOf(a), parleyText(a)]));
    expect(texts).toEqual(new Map(board.arguments.map((a) => [a.id, a.text])));
    const labels = new Map(Object.values(response.statements ?? {}).map((s) => [idOf(s), parleyText(s)]));
    expect(labels).toEqual(new Map(board.positions.map((p) => [p.id, p.label])));
    expect(response.frontMatter?.parley?.source?.text).toBe(board.source.text);
  });

  it.each(SEEDS)("seed %i: imports back unchanged", (seed) => {
    const board = fuzzBoard(seed);
    const result = fromArgdown(toArgdown(board));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byId = (list: Argument[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(result.board.arguments)).toEqual(byId(board.arguments));
    expect(result.board.positions).toEqual(board.positions.map((p) => ({ key: p.key, label: p.label, color: p.color })));
    expect(result.board.source.text).toBe(board.source.text);
    expect(result.board.title).toBe(board.board.title);
  });
});
