/**
 * Teacher actions with two sync servers sharing PostgreSQL and Redis: the action is taken on server A,
 * the people it concerns are connected to server B, and they are reached all the same.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/board/roles";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { deleteBoard } from "@/server/boards/delete-board";
import { joinBoard } from "@/server/boards/join-board";
import { endSession } from "@/server/boards/end-session";
import { removeMember } from "@/server/boards/remove-member";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { post } from "./support/managed-board";
import { MemberClient } from "./support/member-client";
import { startSyncServer } from "./support/server";

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function requireRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 3_000 });
    socket.once("connect", () => (socket.end(), resolve()));
    socket.once("timeout", () => (socket.destroy(), reject(new Error(`These tests need Redis at ${url}: start it with redis-server --daemonize yes`))));
    socket.once("error", (error) => reject(new Error(`These tests need Redis at ${url}: ${error.message}`)));
  });
}

describe("teacher actions across two servers", () => {
  let db: TestDatabase;
  let serverA: RunningParley;
  let serverB: RunningParley;
  const open: MemberClient[] = [];

  beforeAll(async () => {
    await requireRedis(REDIS_URL);
    db = await createTestDatabase();
    serverA = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL });
    serverB = await startSyncServer({ databaseUrl: db.url, redisUrl: REDIS_URL });
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await serverA?.close();
    await serverB?.close();
    await db?.drop();
  });

  /** A facilitated board with a facilitator (token only) and a participant connected to server B. */
  async function boardWithBobOnB() {
    const { store } = serverA.context;
    const { sha256: _sha, ...source } = loadDemoSource();
    const board = await createBoard(store, { title: `Scale-out teacher ${db.name}`, source, positions: demoPositionDrafts(), accessMode: "managed" });
    const invites = Object.fromEntries((await store.listInvites(board.id)).map((i) => [i.role, i.token])) as Record<Role, string>;
    const fran = await joinBoard(store, board.id, { displayName: "Fran", invite: invites.facilitator });
    const seat = await joinBoard(store, board.id, { displayName: "Bob", invite: invites.participant });
    const bob = await MemberClient.open(serverB.url, board.id, { memberId: seat.member.id, memberToken: seat.memberToken, role: "participant", displayName: "Bob" });
    open.push(bob);
    return { board, facilitatorToken: fran.memberToken, bob };
  }

  it("a member removed through server A is disconnected from server B", async () => {
    const { board, facilitatorToken, bob } = await boardWithBobOnB();
    await removeMember(serverA.context, { boardId: board.id, memberToken: facilitatorToken, memberId: bob.memberId });
    expect(await bob.raw.disconnected()).toBe("io server disconnect");
    expect(bob.raw.errors.at(-1)).toMatchObject({ code: "forbidden", message: "You were removed from this board." });
  });

  it("a session ended through server A refuses writes on server B", async () => {
    const { board, facilitatorToken, bob } = await boardWithBobOnB();
    await endSession(serverA.context, { boardId: board.id, memberToken: facilitatorToken, body: { ended: true } });
    await bob.sessionWhere((s) => s.status?.endedAt !== null, "the session to end");
    expect((await post(bob)).ack).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a board deleted through server A closes its connections on server B", async () => {
    const { board, facilitatorToken, bob } = await boardWithBobOnB();
    await deleteBoard(serverA.context, { boardId: board.id, memberToken: facilitatorToken, body: { confirmTitle: board.title } });
    expect(await bob.raw.disconnected()).toBe("io server disconnect");
    expect(bob.raw.errors.at(-1)).toMatchObject({ code: "board-not-found" });
  });
});
