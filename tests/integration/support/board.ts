/**
 * Board-level helpers shared by the sync suites: BoardClients that are ready to use, arguments with
 * valid quotes on the seed article, and boards created for one test.
 */
import * as Y from "yjs";
import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { codePointLength, utf16ToCodePoint } from "@/lib/anchoring/text";
import { readBoard, type BoardState } from "@/lib/board/doc";
import { addArgument, type Author } from "@/lib/board/operations";
import type { Argument, Stance } from "@/lib/board/argument";
import { docFromParts } from "@/lib/board/snapshot";
import { BoardClient } from "@/components/sync/board-client";
import type { ErrorPayload } from "@/lib/errors/errors";
import { createBoard } from "@/server/boards/create-board";
import type { BoardStore } from "@/server/persistence/board-store";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { waitFor } from "./wait";

export const ARTICLE = loadDemoSource().text;
/** Position ids of every board made from the seed article. */
export const US = "pos-us";
export const PAK_MILITARY = "pos-pak-military";
export const ALICE: Author = { id: "user-alice", name: "Alice" };
export const BOB: Author = { id: "user-bob", name: "Bob" };

/** Anchor for the first occurrence of `quote` in the seed article; throws if the test quote is wrong. */
export function quote(text: string): QuoteAnchor {
  const at = ARTICLE.indexOf(text);
  if (at === -1) throw new Error(`Test quote not in the article: ${text}`);
  const start = utf16ToCodePoint(ARTICLE, at);
  const anchored = createAnchor(ARTICLE, start, start + codePointLength(text));
  if (!anchored.ok) throw new Error(`Test quote refused: ${anchored.message}`);
  return anchored.anchor;
}

/** A quote every test may use: it appears exactly once in the seed article. */
export const SAMPLE_QUOTE = "why should the US continue to provide the military funding?";

/** Adds an argument through the model (as the editor does); throws when the model refuses it. */
export function addTestArgument(
  doc: Y.Doc,
  { parentId = US, stance = "for", text = "A test argument.", author = ALICE, quotes = [SAMPLE_QUOTE] }: {
    parentId?: string;
    stance?: Stance;
    text?: string;
    author?: Author;
    quotes?: string[];
  } = {},
): Argument {
  const result = addArgument(doc, ARTICLE, { parentId, stance, text, author, quotes: quotes.map(quote) });
  if (!result.ok) throw new Error(`Test argument refused: ${result.error.message}`);
  return result.value;
}

/** A BoardClient that records the errors it reports and may be destroyed twice (by a test, then by cleanup). */
export interface TestClient extends BoardClient {
  errors: ErrorPayload[];
}

/** Opens a BoardClient and resolves once it has the server's state. */
export async function openClient(url: string, boardId: string): Promise<TestClient> {
  const client = Object.assign(new BoardClient(boardId, { url }), { errors: [] as ErrorPayload[] });
  client.on("error", (error) => client.errors.push(error));
  const destroy = client.destroy.bind(client);
  let destroyed = false;
  client.destroy = () => {
    if (!destroyed) destroy();
    destroyed = true;
  };
  await waitFor(() => client.status === "live", { message: `client on ${boardId} to go live` });
  return client;
}

/** Resolves once the server has acknowledged (saved) every local change of `client`. */
export async function saved(client: BoardClient): Promise<void> {
  await waitFor(() => client.status === "live" && client.pending === 0, { message: "the client's changes to be saved" });
}

/** Resolves once `client`'s board has an argument with this id. */
export function sees(client: BoardClient, argumentId: string): Promise<Argument> {
  return waitFor(() => readBoard(client.doc).arguments.find((a) => a.id === argumentId), { message: `argument ${argumentId} to arrive` });
}

/** The board as a brand-new client receives it from the server (then disconnects). */
export async function boardAsServedBy(url: string, boardId: string): Promise<BoardState> {
  const client = await openClient(url, boardId);
  try {
    return readBoard(client.doc);
  } finally {
    client.destroy();
  }
}

/** The board as it is stored: the latest snapshot plus the log after it. */
export async function boardAsStored(store: BoardStore, boardId: string): Promise<BoardState> {
  const doc = docFromParts((await store.loadBoardState(boardId)).parts);
  try {
    return readBoard(doc);
  } finally {
    doc.destroy();
  }
}

/** A new board on the seed article, with its two positions and no arguments, for one test. */
export async function createArticleBoard(store: BoardStore, title = "Integration test board"): Promise<string> {
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(store, { title, source, positions: demoPositionDrafts() });
  return board.id;
}
