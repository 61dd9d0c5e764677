import * as Y from "yjs";
import { initBoardDoc, readArguments, readBoard } from "../../lib/board/doc";
import { addArgument } from "../../lib/board/operations";
import { makePositions } from "../../lib/board/position";
import { makeExportBoard, type ExportBoard } from "../../lib/export/board-export";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "./demo-board";

const CREATED = "2026-11-27T09:00:00.000Z";
const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

/**
 * Fills `doc` (mutates it; it must hold the demo positions and nothing else) with a large board for
 * load tests and export benchmarks: the demo board's 14 arguments, replies and quotes included,
 * written `copies` times, each copy a thread structure of its own. Deterministic.
 */
export function fillBigBoard(doc: Y.Doc, sourceText: string, copies: number): void {
  fillDemoBoard(doc, sourceText, NOW);
  const templates = readArguments(doc);
  doc.transact(() => {
    for (let copy = 1; copy < copies; copy++) {
      const ids = new Map<string, string>();
      templates.forEach((arg, index) => {
        const id = `${arg.id}-copy${copy}`;
        ids.set(arg.id, id);
        const parentId = ids.get(arg.parentId) ?? arg.parentId;
        const input = { parentId, stance: arg.stance, text: `${arg.text} (${copy})`, quotes: arg.quotes, author: { id: arg.authorId, name: arg.authorName } };
        const added = addArgument(doc, sourceText, input, { id, now: NOW + copy * 1_000 + index });
        if (!added.ok) throw new Error(`Big board argument ${id} was refused: ${added.error.message}`);
      });
    }
  });
}

/** The big board (see fillBigBoard) ready for any export format. */
export function bigDemoBoard(copies: number): ExportBoard {
  const source = loadDemoSource();
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(demoPositionDrafts()));
  fillBigBoard(doc, source.text, copies);
  return makeExportBoard({ id: "big", title: `${source.title} (×${copies})`, createdAt: CREATED, updatedAt: CREATED }, source, readBoard(doc));
}
