/**
 * What one sync join reads from the store (server/sync/live-control.ts): a member's join costs three
 * reads in two round trips (the token's row to name the member room; then the board and the row
 * again, together, to decide), a guest's one. The deciding look always comes after the socket is in
 * its rooms, so a removal racing the join is either seen by it or reaches the socket (issue 8).
 */
import type { Socket } from "socket.io";
import { describe, expect, it } from "vitest";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard } from "@/server/boards/join-board";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { withRecordCache } from "@/server/persistence/record-cache";
import { memberRoom, resolveLiveActor } from "@/server/sync/live-control";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { EVENTS } from "@/lib/protocol/protocol";
import { sendRoster } from "@/server/sync/audience";
import { faultyStore } from "./support/faulty-store";
import { openRoom } from "./support/room-fixture";

/** The part of a Socket.io socket resolveLiveActor uses: which rooms it is in. */
function fakeSocket() {
  const rooms = new Set<string>();
  const socket = {
    join: async (names: string | string[]) => void [names].flat().forEach((name) => rooms.add(name)),
    leave: async (name: string) => void rooms.delete(name),
  };
  return { socket: socket as unknown as Socket, rooms };
}

async function managedBoard() {
  const memory = new MemoryBoardStore();
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(memory, { title: "Join reads", source, positions: demoPositionDrafts(), accessMode: "managed" });
  const participant = (await memory.listInvites(board.id)).find((invite) => invite.role === "participant")!;
  const { member, memberToken } = await joinBoard(memory, board.id, { displayName: "Pat", invite: participant.token });
  const faults = faultyStore(memory);
  return { memory, faults, board, member, memberToken };
}

const total = (calls: Map<string, number>) => [...calls.values()].reduce((sum, count) => sum + count, 0);

describe("a sync join's reads", () => {
  it("a member's join reads the token's row twice and the board once, the board only after joining the member room", async () => {
    const { faults, board, member, memberToken } = await managedBoard();
    const { socket, rooms } = fakeSocket();
    const roomsAtBoardRead: string[][] = [];
    const store = new Proxy(faults.store, {
      get(target, name, receiver) {
        if (name === "getBoardAccess") return (id: string) => (roomsAtBoardRead.push([...rooms]), target.getBoardAccess(id));
        return Reflect.get(target, name, receiver);
      },
    });

    const actor = await resolveLiveActor(socket, store, board.id, memberToken);
    expect(actor).toMatchObject({ memberId: member.id, role: "participant" });
    expect(Object.fromEntries(faults.calls)).toEqual({ findMemberByTokenHash: 2, getBoardAccess: 1 });
    expect(roomsAtBoardRead).toEqual([[board.id, memberRoom(member.id)]]);
  });

  it("a guest on an open board costs one read of the board", async () => {
    const memory = new MemoryBoardStore();
    const { sha256: _sha, ...source } = loadDemoSource();
    const board = await createBoard(memory, { title: "Open", source, positions: demoPositionDrafts() });
    const faults = faultyStore(memory);
    const { socket, rooms } = fakeSocket();
    expect(await resolveLiveActor(socket, faults.store, board.id, undefined)).toEqual({ memberId: null, role: "participant" });
    expect(total(faults.calls)).toBe(1);
    expect([...rooms]).toEqual([board.id]);
  });

  it("alone on its database, a guest's join reads nothing once the board's access fields are remembered", async () => {
    const memory = new MemoryBoardStore();
    const { sha256: _sha, ...source } = loadDemoSource();
    const board = await createBoard(memory, { title: "Open", source, positions: demoPositionDrafts() });
    const faults = faultyStore(memory);
    const { store } = withRecordCache(faults.store);
    await resolveLiveActor(fakeSocket().socket, store, board.id, undefined);
    expect(total(faults.calls)).toBe(1);
    expect(await resolveLiveActor(fakeSocket().socket, store, board.id, undefined)).toEqual({ memberId: null, role: "participant" });
    expect(total(faults.calls)).toBe(1);
    // Deleted through the store, the board is looked up again (and not found).
    await store.deleteBoard(board.id);
    await expect(resolveLiveActor(fakeSocket().socket, store, board.id, undefined)).rejects.toMatchObject({ code: "board-not-found" });
  });

  it("a removal committed between the two looks is seen by the second, and the socket leaves its rooms", async () => {
    const { memory, faults, board, member, memberToken } = await managedBoard();
    const { socket, rooms } = fakeSocket();
    const firstLook = faults.holdNext("findMemberByTokenHash");
    const secondLook = faults.holdNext("findMemberByTokenHash");
    const joining = resolveLiveActor(socket, faults.store, board.id, memberToken);
    await firstLook.reached;
    firstLook.release();
    await secondLook.reached; // the socket is in the member room; the deciding look has started
    expect([...rooms]).toContain(memberRoom(member.id));
    await memory.removeMember(board.id, member.id);
    secondLook.release();
    await expect(joining).rejects.toMatchObject({ code: "forbidden" });
    expect(rooms.size).toBe(0);
  });

  it("a removed member is refused, and so is a token of another board on a managed board", async () => {
    const { memory, faults, board, member, memberToken } = await managedBoard();
    const other = await managedBoard();
    const { socket, rooms } = fakeSocket();
    await expect(resolveLiveActor(socket, faults.store, board.id, other.memberToken)).rejects.toMatchObject({ code: "forbidden" });
    await memory.removeMember(board.id, member.id);
    await expect(resolveLiveActor(socket, faults.store, board.id, memberToken)).rejects.toMatchObject({ code: "forbidden" });
    expect(rooms.size).toBe(0);
  });

  it("a board that does not exist is reported as such, and nothing is joined", async () => {
    const { faults, memberToken } = await managedBoard();
    const { socket, rooms } = fakeSocket();
    await expect(resolveLiveActor(socket, faults.store, "no-such-board", memberToken)).rejects.toMatchObject({ code: "board-not-found" });
    expect(rooms.size).toBe(0);
  });

  it("the roster sent after a join reads the member list only when a facilitator is there to see it", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    await sendRoster(fixture.room, fixture.store);
    expect(fixture.faults.calls.get("listMembers") ?? 0).toBe(0);
    const fran = fixture.client("Fran", "facilitator");
    await sendRoster(fixture.room, fixture.store);
    expect(fixture.faults.calls.get("listMembers")).toBe(1);
    expect(fran.toClient.waiting.some((message) => message.kind === "event" && message.name === EVENTS.roster)).toBe(true);
    expect(alice.toClient.waiting.some((message) => message.kind === "event" && message.name === EVENTS.roster)).toBe(false);
  });
});
