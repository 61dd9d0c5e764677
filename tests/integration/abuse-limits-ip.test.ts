/**
 * Limits per IP address and per board (issue 8, item 7): open connections per address, joins per
 * address (join-code guessing), members and boards created per address, connections per board. The
 * server trusts X-Forwarded-For here, so each test client can stand for its own address.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BoardClient } from "@/components/sync/board-client";
import type { ErrorPayload } from "@/lib/errors/errors";
import { DEMO_JOIN_CODE, demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { handleCreateBoard, handleJoinByCode } from "@/server/http/boards-api";
import { handleJoinMembers } from "@/server/http/members-api";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/rate-limit";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

const CAP = { connectionsPerIp: 3, connectionsPerBoard: 4, joins: 4, members: 3, boards: 2 };

let db: TestDatabase;
let server: RunningParley;
const open: RawClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({
    databaseUrl: db.url,
    env: {
      PARLEY_TRUST_PROXY: "1",
      PARLEY_MAX_CONNECTIONS_PER_IP: String(CAP.connectionsPerIp),
      PARLEY_MAX_CONNECTIONS_PER_BOARD: String(CAP.connectionsPerBoard),
      PARLEY_JOINS_PER_MINUTE_PER_IP: String(CAP.joins),
      PARLEY_MEMBERS_PER_10_MINUTES_PER_IP: String(CAP.members),
      PARLEY_BOARDS_PER_10_MINUTES_PER_IP: String(CAP.boards),
    },
  });
});
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

/** A raw client whose connection comes "from" `ip` (the last X-Forwarded-For entry, as a proxy appends it). */
async function from(ip: string, claimed?: string): Promise<RawClient> {
  const client = await RawClient.connect(server.url, { "x-forwarded-for": claimed ? `${claimed}, ${ip}` : ip });
  open.push(client);
  return client;
}

async function openBoard(): Promise<string> {
  const { sha256: _sha, ...source } = loadDemoSource();
  return (await createBoard(server.context.store, { title: "Limits board", source, positions: demoPositionDrafts(), accessMode: "open" })).id;
}

function request(url: string, ip: string, body: unknown): Request {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: ip }, body: JSON.stringify(body) });
}

describe("abuse: limits per address", () => {
  it("caps open connections per address, whatever the client claims, and leaves other addresses alone", async () => {
    for (let i = 0; i < CAP.connectionsPerIp; i++) await from("10.0.0.1");
    await expect(from("10.0.0.1")).rejects.toMatchObject({ data: { code: "rate-limited" } });
    await expect(from("10.0.0.1", "192.0.2.99")).rejects.toMatchObject({ data: { code: "rate-limited" } });

    const neighbour = await from("10.0.0.2");
    expect(await neighbour.join(await openBoard())).toMatchObject({ ok: true });

    open[0].close();
    await waitFor(async () => (await from("10.0.0.1").catch(() => null)) !== null, { message: "a slot to free up", intervalMs: 50 });
  });

  it("tells a browser refused for its address why, and lets it in once a slot frees up", async () => {
    const boardId = await openBoard();
    const local: RawClient[] = []; // no X-Forwarded-For: these and the browser share 127.0.0.1
    for (let i = 0; i < CAP.connectionsPerIp; i++) {
      const client = await RawClient.connect(server.url);
      open.push(client);
      local.push(client);
    }
    const browser = new BoardClient(boardId, { url: server.url });
    const errors: ErrorPayload[] = [];
    browser.on("error", (error) => errors.push(error));
    try {
      await waitFor(() => errors.find((e) => e.code === "rate-limited"), { message: "the refusal", timeoutMs: 20_000 });
      expect(browser.status).toBe("offline");
      local[0].close();
      await waitFor(() => browser.status === "live", { message: "the browser to get in", timeoutMs: 20_000 });
    } finally {
      browser.destroy();
    }
  });

  it("throttles joins from one address (join-code guessing) while another address joins", async () => {
    const boardId = await openBoard();
    const guesser = await from("10.0.1.1");
    for (let i = 0; i < CAP.joins; i++) expect(await guesser.join(boardId)).toMatchObject({ ok: true });
    expect(await guesser.join(boardId)).toMatchObject({ ok: false, code: "rate-limited", retry: true });
    expect(await (await from("10.0.1.2")).join(boardId)).toMatchObject({ ok: true });

    // Over HTTP too: wrong codes and then the right one, all from one address.
    const lookup = (ip: string, code: string) => handleJoinByCode(code, new Request(`http://localhost/api/join/${code}`, { headers: { [CLIENT_ADDRESS_HEADER]: ip } }));
    for (let i = 0; i < CAP.joins; i++) expect((await lookup("10.0.1.3", `ZZZ${i}99`)).status).toBe(404);
    const throttled = await lookup("10.0.1.3", DEMO_JOIN_CODE);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toMatchObject({ code: "rate-limited", retry: true });
    expect((await lookup("10.0.1.4", DEMO_JOIN_CODE)).status).toBe(200);
  });

  it("caps connections per board; a seat frees up when someone leaves", async () => {
    const boardId = await openBoard();
    const seated: RawClient[] = [];
    for (let i = 0; i < CAP.connectionsPerBoard; i++) {
      const client = await from(`10.0.2.${i + 1}`);
      expect(await client.join(boardId)).toMatchObject({ ok: true });
      seated.push(client);
    }
    const late = await from("10.0.2.99");
    expect(await late.join(boardId)).toMatchObject({ ok: false, code: "rate-limited", message: expect.stringMatching(/full/) });
    expect(await late.join(await openBoard())).toMatchObject({ ok: true }); // other boards have room

    const latest = await from("10.0.2.98");
    seated[0].close();
    const room = await server.context.rooms.peek(boardId);
    await waitFor(() => room && room.connections.size < CAP.connectionsPerBoard, { message: "the seat to free up" });
    expect(await latest.join(boardId)).toMatchObject({ ok: true });
  });

  it("throttles member and board creation per address over HTTP", async () => {
    const boardId = await openBoard();
    const join = (ip: string, name: string) => handleJoinMembers(request(`http://localhost/api/boards/${boardId}/members`, ip, { displayName: name }), boardId);
    for (let i = 0; i < CAP.members; i++) expect((await join("10.0.3.1", `Student ${i}`)).status).toBe(201);
    const refused = await join("10.0.3.1", "One too many");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "rate-limited" });
    expect((await join("10.0.3.2", "Next door")).status).toBe(201);
    expect((await server.context.store.listMembers(boardId)).map((m) => m.displayName)).not.toContain("One too many");

    const create = (ip: string) => handleCreateBoard(request("http://localhost/api/boards", ip, { title: "Another board", source: { kind: "article" } }));
    for (let i = 0; i < CAP.boards; i++) expect((await create("10.0.4.1")).status).toBe(201);
    expect((await create("10.0.4.1")).status).toBe(429);
    expect((await create("10.0.4.2")).status).toBe(201);
  });
});
