/** A tiny board whose evidence figures can be worked out by hand (see tests/unit/evidence-*.test.ts). */
import { createAnchor } from "@/lib/anchoring/anchor";
import type { Argument, Stance } from "@/lib/board/argument";
import { makePositions } from "@/lib/board/position";

export const TINY_SOURCE = "Alpha one. Beta two.\n\nGamma three. Delta four.";
export const TINY_POSITIONS = makePositions([
  { key: "a", label: "Side A" },
  { key: "b", label: "Side B" },
]);
const [A, B] = TINY_POSITIONS.map((p) => p.id);

function quote(exact: string) {
  const at = TINY_SOURCE.indexOf(exact);
  const made = createAnchor(TINY_SOURCE, at, at + exact.length);
  if (!made.ok) throw new Error(made.message);
  return made.anchor;
}

function arg(id: string, positionId: string, parentId: string, stance: Stance, authorId: string, quotes: string[]): Argument {
  return { id, positionId, parentId, stance, text: `Argument ${id}`, quotes: quotes.map(quote), authorId, authorName: authorId, createdAt: 1, updatedAt: 1 };
}

/**
 * a1 argues A, quoting sentence 0. a2 argues B, quoting sentences 0 and 2. a3 attacks a1 (so argues B)
 * quoting sentence 1; a4 attacks a3 (so argues A again) quoting sentence 1 twice; a5 argues B without
 * a quote. Sentences 0 and 1 are contested, 2 is B's alone, 3 is uncited.
 */
export const TINY_ARGS: Argument[] = [
  arg("a1", A, A, "for", "ann", ["Alpha one."]),
  arg("a2", B, B, "for", "bob", ["Alpha", "Gamma three."]),
  arg("a3", A, "a1", "against", "bob", ["Beta two."]),
  arg("a4", A, "a3", "against", "ann", ["Beta", "two"]),
  arg("a5", B, B, "for", "cat", []),
];
