/**
 * A BoardRoom on the in-memory store, on a board made from the seed article, with clients whose
 * frames the test delivers by hand. No sockets, no database: every interleaving is the test's choice.
 */
import * as Y from "yjs";
import { readBoard, type BoardState } from "@/lib/board/doc";
import type { Role } from "@/lib/board/roles";
import { docFromParts } from "@/lib/board/snapshot";
import { createBoard } from "@/server/boards/create-board";
import type { BoardStore } from "@/server/persistence/board-store";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { BoardRoom, type RoomOptions } from "@/server/sync/board-room";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { faultyStore, type FaultyStore } from "./faulty-store";
import { RoomClient } from "./room-client";

export interface RoomFixture {
  room: BoardRoom;
  boardId: string;
  /** The store the room writes to, with its failure knobs. */
  faults: FaultyStore;
  store: BoardStore;
  /** A participant (by default) on the open board, connected but with nothing delivered yet. */
  client(name: string, role?: Role): RoomClient;
  /** The board as a fresh load from the store reads it. */
  stored(): Promise<BoardState>;
}

/**
 * An open board (co-editing on) in a room; `compactEvery` is large unless a test is about compaction.
 * Other room options (the fan-out, the trial copy's idle time) pass through.
 */
export async function openRoom({ compactEvery = 10_000, ...options }: Partial<RoomOptions> = {}): Promise<RoomFixture> {
  const memory = new MemoryBoardStore();
  const faults = faultyStore(memory);
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(memory, { title: "Room test board", source, positions: demoPositionDrafts() });
  const room = await BoardRoom.load(board.id, faults.store, { ...options, compactEvery });
  return {
    room,
    boardId: board.id,
    faults,
    store: faults.store,
    client: (name, role = "participant") => {
      const client = new RoomClient(room, name, { memberId: `mem-${name.toLowerCase()}`, role, displayName: name });
      client.connect();
      return client;
    },
    stored: async () => {
      const doc = docFromParts((await memory.loadBoardState(board.id)).parts);
      const state = readBoard(doc);
      doc.destroy();
      return state;
    },
  };
}

/**
 * Whether the room's trial copy equals its live document, as it must whenever no message is being
 * handled. Uses the room's own check when it has one (the sync-core room's `trialDiffersFromLive`),
 * else compares the private trial Y.Doc of today's room.
 */
export function trialAgreesWithLive(room: BoardRoom): boolean {
  const inside = room as unknown as { trialDiffersFromLive?: () => boolean; trial?: unknown };
  if (typeof inside.trialDiffersFromLive === "function") return !inside.trialDiffersFromLive();
  if (!(inside.trial instanceof Y.Doc)) throw new Error("This room exposes no trial copy to check.");
  return stateOf(inside.trial) === stateOf(room.doc);
}

/** Encoded state of a document, for comparing two documents byte for byte. */
export function stateOf(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString("hex") + ":" + Buffer.from(Y.encodeStateAsUpdate(doc)).toString("hex");
}
