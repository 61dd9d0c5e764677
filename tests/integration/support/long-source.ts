/**
 * A long quoted board for source-revision load tests: the seed article written `parts` times over
 * (~150k characters at 17 parts), `quotesPerPart` of its sentences quoted in every part (two quotes per
 * argument), and a corrected text that rewords one quoted sentence per part and drops another from every
 * other part. Deterministic.
 */
import type * as Y from "yjs";
import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { utf16ToCodePoint } from "@/lib/anchoring/text";
import { addArgument } from "@/lib/board/operations";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard } from "@/server/boards/join-board";
import type { BoardStore } from "@/server/persistence/board-store";
import { ARTICLE, US } from "./board";

export interface LongQuotedBoard {
  boardId: string;
  facilitatorToken: string;
  source: string;
  corrected: string;
  quotes: number;
}

/** Sentences of the article that occur in it once, long enough to quote. */
function quotableSentences(count: number): string[] {
  const sentences = ARTICLE.split(/(?<=[.?!])\s+/).filter((s) => s.length >= 40 && s.length <= 240 && ARTICLE.indexOf(s) === ARTICLE.lastIndexOf(s));
  if (sentences.length < count) throw new Error(`The article has only ${sentences.length} quotable sentences.`);
  return sentences.slice(0, count);
}

const partHeading = (part: number) => `Part ${part + 1} of the dossier.\n\n`;

function anchorAt(text: string, utf16Start: number, length: number): QuoteAnchor {
  const start = utf16ToCodePoint(text, utf16Start);
  const result = createAnchor(text, start, utf16ToCodePoint(text, utf16Start + length));
  if (!result.ok) throw new Error(`Quote refused: ${result.message}`);
  return result.anchor;
}

export async function createLongQuotedBoard(store: BoardStore, parts = 17, quotesPerPart = 20): Promise<LongQuotedBoard> {
  const sentences = quotableSentences(quotesPerPart);
  const texts = Array.from({ length: parts }, (_, part) => partHeading(part) + ARTICLE);
  const source = texts.join("\n\n");
  const corrected =
    "Editor's note: this dossier was corrected.\n\n" +
    texts
      .map((text, part) => {
        const reworded = text.replace(sentences[0], sentences[0].replace(/\b(the|a|and)\b/, "that"));
        return part % 2 === 1 ? reworded.replace(sentences[1], "") : reworded;
      })
      .join("\n\n");

  const fill = (doc: Y.Doc, text: string) => {
    let partStart = 0;
    let n = 0;
    texts.forEach((partText) => {
      const anchors = sentences.map((sentence) => anchorAt(text, partStart + partText.indexOf(sentence), sentence.length));
      for (let i = 0; i < anchors.length; i += 2) {
        const added = addArgument(doc, text, { parentId: US, stance: "for", text: `Quoted claim ${++n}.`, author: { id: "author", name: "Ada" }, quotes: anchors.slice(i, i + 2) }, { id: `claim-${n}`, now: 1 });
        if (!added.ok) throw new Error(`Argument refused: ${added.error.message}`);
      }
      partStart += partText.length + 2;
    });
  };

  const { sha256: _sha, ...demo } = loadDemoSource();
  const board = await createBoard(store, { title: "Long dossier", source: { ...demo, text: source }, positions: demoPositionDrafts(), accessMode: "managed", fill });
  const invite = (await store.listInvites(board.id)).find((i) => i.role === "facilitator")!.token;
  const { memberToken } = await joinBoard(store, board.id, { displayName: "Fran", invite });
  return { boardId: board.id, facilitatorToken: memberToken, source, corrected, quotes: parts * quotesPerPart };
}
