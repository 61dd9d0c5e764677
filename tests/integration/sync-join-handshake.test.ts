/**
 * A join carried in the Socket.io handshake (docs/protocol.md, "Joining in the handshake"): started as
 * the connection opens, answered with a `joined` event, its state vector answered like a Step 1 sent
 * right behind a join. It is the connection's one join (issue 8): a `join` event for the same board
 * gets the same answer, one for another board is refused, and a refused handshake join frees the
 * connection for a `join` event.
 */
import { toBase64 } from "lib0/buffer";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EVENTS, PROTOCOL_VERSION } from "@/lib/protocol/protocol";
import { SYNC_STEP_1, SYNC_STEP_2, decodeSyncMessage, syncStep1 } from "@/lib/protocol/sync-messages";
import { useManagedBoards } from "./support/managed-board";
import type { RawClient } from "./support/raw-client";
import { waitFor } from "./support/wait";

const EMPTY = toBase64(Y.encodeStateVector(new Y.Doc()));
const kinds = (raw: RawClient) => raw.sync.map((frame) => decodeSyncMessage(frame)?.type);

describe("join in the handshake", () => {
  const h = useManagedBoards();

  it("answers with a joined event, then the Step 2 and Step 1 for the handshake's state vector, with nothing sent by the client", async () => {
    const table = await h.table();
    const raw = await h.raw({ protocol: PROTOCOL_VERSION, boardId: table.boardId, memberToken: table.alice.seat.memberToken, stateVector: EMPTY });
    await waitFor(() => raw.sync.length >= 2 || undefined, { message: "the server's Step 2 and Step 1" });
    expect(raw.joined).toEqual([expect.objectContaining({ ok: true, role: "participant", memberId: table.alice.memberId })]);
    expect(kinds(raw)).toEqual([SYNC_STEP_2, SYNC_STEP_1]);
    const doc = new Y.Doc();
    const step2 = decodeSyncMessage(raw.sync[0]);
    if (step2?.type === SYNC_STEP_2) Y.applyUpdate(doc, step2.update);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(await h.served(table)));
    // Joined: the connection may sync like any other.
    expect(await raw.request(EVENTS.sync, syncStep1(new Y.Doc()))).toEqual({ ok: true });
  });

  it("without a state vector joins only; the client's own Step 1 is answered as usual", async () => {
    const table = await h.table();
    const raw = await h.raw({ protocol: PROTOCOL_VERSION, boardId: table.boardId, memberToken: table.observer.seat.memberToken });
    await waitFor(() => raw.joined[0], { message: "the joined event" });
    expect(raw.joined[0]).toMatchObject({ ok: true, role: "observer" });
    expect(raw.sync).toEqual([]);
    await raw.load();
  });

  it("a join event sent while the handshake's join is decided gets its answer, never the second token's role", async () => {
    const table = await h.table();
    const raw = await h.raw({ protocol: PROTOCOL_VERSION, boardId: table.boardId, memberToken: table.observer.seat.memberToken, stateVector: EMPTY });
    expect(raw.joined).toEqual([]); // still being decided (two reads of the token's row) as the join event goes out
    expect(await raw.join(table.boardId, PROTOCOL_VERSION, table.facilitator.seat.memberToken)).toMatchObject({ ok: true, role: "observer" });
    await waitFor(() => raw.joined[0], { message: "the joined event" });
    expect(raw.joined[0]).toMatchObject({ ok: true, role: "observer" });
    expect(await raw.request(EVENTS.command, { type: "set-settings", patch: { locked: true } })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a join event sent after the handshake's join was answered: same board, same answer; another board refused", async () => {
    const table = await h.table();
    const other = await h.table();
    const raw = await h.raw({ protocol: PROTOCOL_VERSION, boardId: table.boardId, memberToken: table.observer.seat.memberToken });
    await waitFor(() => raw.joined[0], { message: "the joined event" });
    expect(await raw.join(table.boardId, PROTOCOL_VERSION, table.facilitator.seat.memberToken)).toMatchObject({ ok: true, role: "observer" });
    expect(await raw.join(other.boardId, PROTOCOL_VERSION, other.alice.seat.memberToken)).toMatchObject({ ok: false, code: "bad-request" });
    expect(await raw.request(EVENTS.command, { type: "set-settings", patch: { locked: true } })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a refused handshake join sends nothing of the board and frees the connection for a join event", async () => {
    const table = await h.table();
    const raw = await h.raw({ protocol: PROTOCOL_VERSION, boardId: table.boardId, memberToken: "made-up-token", stateVector: EMPTY });
    await waitFor(() => raw.joined[0], { message: "the joined event" });
    expect(raw.joined[0]).toMatchObject({ ok: false, code: "forbidden" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(raw.sync).toEqual([]);
    expect(raw.errors).toEqual([]); // the joined event said why; the held Step 1 is dropped quietly
    expect(raw.socket.connected).toBe(true);
    expect(await raw.join(table.boardId, PROTOCOL_VERSION, table.alice.seat.memberToken)).toMatchObject({ ok: true, role: "participant" });
    await raw.load();
  });

  it("a malformed handshake join is refused bad-request, and a wrong protocol closes the connection", async () => {
    const table = await h.table();
    const bad = await h.raw({ boardId: table.boardId, stateVector: "not base64!" });
    await waitFor(() => bad.joined[0], { message: "the joined event" });
    expect(bad.joined[0]).toMatchObject({ ok: false, code: "bad-request" });
    expect(bad.socket.connected).toBe(true);
    const old = await h.raw({ protocol: PROTOCOL_VERSION + 1, boardId: table.boardId });
    expect(await old.disconnected()).toBe("io server disconnect");
    expect(old.joined[0]).toMatchObject({ ok: false, code: "protocol-mismatch" });
  });

  it("a handshake without a board id carries no join: the connection waits for a join event", async () => {
    const table = await h.table();
    const raw = await h.raw({ token: "something else" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(raw.joined).toEqual([]);
    expect(await raw.join(table.boardId, PROTOCOL_VERSION, table.alice.seat.memberToken)).toMatchObject({ ok: true });
  });
});
