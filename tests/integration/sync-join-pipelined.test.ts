/**
 * A client's Step 1 sent right behind its join, without waiting for the ack (docs/protocol.md,
 * "Joining"): the server holds it until the join is decided and answers it only after the join's
 * ack; a refused join answers it `not-joined` without a byte of the board and keeps the connection
 * for another try. A Step 1 with no join in flight is still a protocol violation.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EVENTS, PROTOCOL_VERSION, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { SYNC_STEP_2, decodeSyncMessage, syncStep1 } from "@/lib/protocol/sync-messages";
import { createBoard } from "@/server/boards/create-board";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { useManagedBoards } from "./support/managed-board";
import type { RawClient } from "./support/raw-client";
import { waitFor } from "./support/wait";

/** Emits join then Step 1 back to back; records how many sync frames had arrived when the join's ack did. */
function joinWithStep1(raw: RawClient, boardId: string, memberToken?: string) {
  let framesAtAck = -1;
  const joined = new Promise<JoinAck>((resolve) =>
    raw.socket.emit(EVENTS.join, { protocol: PROTOCOL_VERSION, boardId, ...(memberToken ? { memberToken } : {}) }, (ack: JoinAck) => {
      framesAtAck = raw.sync.length;
      resolve(ack);
    }),
  );
  const step1 = raw.request<UpdateAck>(EVENTS.sync, syncStep1(new Y.Doc()));
  return { joined, step1, framesAtAck: () => framesAtAck };
}

const step2Of = (raw: RawClient) => raw.sync.map((frame) => decodeSyncMessage(frame)).find((message) => message?.type === SYNC_STEP_2);

async function quietBoard(h: ReturnType<typeof useManagedBoards>): Promise<string> {
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(h.server.context.store, { title: "Nobody here yet", source, positions: demoPositionDrafts(), accessMode: "managed" });
  return board.id;
}

describe("join with Step 1 right behind it", () => {
  const h = useManagedBoards();

  it("answers the Step 1 after the join's ack, with the whole board", async () => {
    const table = await h.table();
    const raw = await h.raw();
    const { joined, step1, framesAtAck } = joinWithStep1(raw, table.boardId, table.observer.seat.memberToken);
    expect(await joined).toMatchObject({ ok: true, role: "observer" });
    expect(await step1).toEqual({ ok: true });
    expect(framesAtAck()).toBe(0);
    const step2 = await waitFor(() => step2Of(raw), { message: "the server's Step 2" });
    const doc = new Y.Doc();
    if (step2 && step2.type === SYNC_STEP_2) Y.applyUpdate(doc, step2.update);
    const served = await h.served(table);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(served));
  });

  it("a join refused (made-up token) answers its queued Step 1 not-joined, sends nothing of the board, and keeps the connection", async () => {
    const table = await h.table();
    const raw = await h.raw();
    const { joined, step1 } = joinWithStep1(raw, table.boardId, "made-up-token");
    expect(await joined).toMatchObject({ ok: false, code: "forbidden" });
    expect(await step1).toMatchObject({ ok: false, code: "not-joined" });
    expect(raw.sync).toEqual([]);
    expect(raw.errors).toEqual([]); // the join's ack said why; no error event besides
    expect(raw.socket.connected).toBe(true);
    // The same connection may try again, with a valid token this time.
    const again = joinWithStep1(raw, table.boardId, table.alice.seat.memberToken);
    expect(await again.joined).toMatchObject({ ok: true, role: "participant" });
    expect(await again.step1).toEqual({ ok: true });
    await waitFor(() => step2Of(raw), { message: "the server's Step 2" });
  });

  it("a removed member's queued Step 1 gets nothing of the board", async () => {
    const table = await h.table();
    await h.server.context.store.removeMember(table.boardId, table.bob.memberId);
    const raw = await h.raw();
    const { joined, step1 } = joinWithStep1(raw, table.boardId, table.bob.seat.memberToken);
    expect(await joined).toMatchObject({ ok: false, code: "forbidden" });
    expect(await step1).toMatchObject({ ok: false, code: "not-joined" });
    expect(raw.sync).toEqual([]);
  });

  it("two joins at once, then Step 1: both answered first, the Step 1 once, with the first join's role", async () => {
    const table = await h.table();
    const raw = await h.raw();
    const first = joinWithStep1(raw, table.boardId, table.observer.seat.memberToken);
    const second = joinWithStep1(raw, table.boardId, table.facilitator.seat.memberToken);
    expect(await first.joined).toMatchObject({ ok: true, role: "observer" });
    expect(await second.joined).toMatchObject({ ok: true, role: "observer" });
    expect(first.framesAtAck()).toBe(0);
    expect(await first.step1).toEqual({ ok: true });
    expect(await second.step1).toEqual({ ok: true });
    // Still an observer: a facilitator's command is refused.
    expect(await raw.request(EVENTS.command, { type: "set-settings", patch: { locked: true } })).toMatchObject({ ok: false });
  });

  it("a refused join then a join for another board, Step 1 behind each: only the board joined is served", async () => {
    const table = await h.table();
    const other = await h.table();
    const raw = await h.raw();
    const refused = joinWithStep1(raw, table.boardId, "made-up-token");
    const accepted = joinWithStep1(raw, other.boardId, other.alice.seat.memberToken);
    const acks = [await refused.joined, await accepted.joined];
    await Promise.all([refused.step1, accepted.step1]);
    const joinedBoard = acks.find((ack) => ack.ok);
    // Either the refusal freed the connection in time for the second join, or the second was refused as another board.
    if (joinedBoard?.ok) expect(joinedBoard.boardId).toBe(other.boardId);
    if (!joinedBoard) expect(raw.sync).toEqual([]);
  });

  it("a Step 1 with no join in flight is still refused not-joined, and the connection closed", async () => {
    const raw = await h.raw();
    expect(await raw.request(EVENTS.sync, syncStep1(new Y.Doc()))).toMatchObject({ ok: false, code: "not-joined" });
    expect(await raw.disconnected()).toBe("io server disconnect");
    expect(raw.sync).toEqual([]);
  });
});

describe("join with Step 1 right behind it: rooms loaded for refused joins", () => {
  const h = useManagedBoards({ PARLEY_IDLE_UNLOAD_MS: "100" });

  it("a room loaded while a refused join was decided is unloaded once idle", async () => {
    const boardId = await quietBoard(h);
    const raw = await h.raw();
    const { joined, step1 } = joinWithStep1(raw, boardId, "made-up-token");
    expect(await joined).toMatchObject({ ok: false, code: "forbidden" });
    expect(await step1).toMatchObject({ ok: false, code: "not-joined" });
    await waitFor(() => !h.server.context.rooms.loadedBoardIds().includes(boardId) || undefined, { message: "the room to be unloaded" });
  });
});
