/**
 * The boards API's handlers, called as Next's route files call them (a web Request in, a Response out),
 * against a running server's context on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { DEMO_BOARD_ID, DEMO_JOIN_CODE, loadDemoSource } from "@/prisma/seed/demo-board";
import { handleCreateBoard, handleJoinByCode, handleListBoards } from "@/server/http/boards-api";
import { getAppContext } from "@/server/http/context";
import { healthReport } from "@/server/http/health";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { fetchHealth, startSyncServer } from "./support/server";

const PASTED_TEXT = "Cities should make public transport free. Fares cover only a fraction of running costs, and free travel would cut traffic.";

function post(body: unknown): Request {
  return new Request("http://localhost/api/boards", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function read(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}

describe("HTTP API", () => {
  let db: TestDatabase;
  let server: RunningParley;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("creates a board on the seed article and keeps it off the public list", async () => {
    const response = await handleCreateBoard(post({ title: "Reset or rupture?", source: { kind: "article" } }));
    const { status, body } = await read(response);
    expect(status).toBe(201);
    expect(body.url).toBe(`/b/${body.board.id}`);
    expect(response.headers.get("location")).toBe(body.url);
    expect(body.board).toMatchObject({ title: "Reset or rupture?", sourceTitle: loadDemoSource().title, joinCode: expect.stringMatching(/^[A-Z0-9]{6}$/) });

    const listed = await read(await handleListBoards());
    expect(listed.status).toBe(200);
    // A created board is facilitated: the public list holds open boards only, without their codes.
    expect(listed.body.boards.map((b: { id: string }) => b.id)).not.toContain(body.board.id);
    expect(listed.body.boards.every((b: { joinCode?: string }) => b.joinCode === undefined)).toBe(true);
    // The article board gets the article's positions.
    const room = await getAppContext().rooms.acquire(body.board.id);
    expect(readBoard(room.doc).positions.map((p) => p.key)).toEqual(["us", "pak-military"]);
  });

  it("creates a board on pasted text with its own two positions", async () => {
    const { status, body } = await read(
      await handleCreateBoard(
        post({
          title: "Free transit?",
          source: { kind: "text", title: "Op-ed", text: PASTED_TEXT, publisher: "The Daily" },
          positions: [{ label: "Make it free" }, { label: "Keep the fares" }],
        }),
      ),
    );
    expect(status).toBe(201);
    expect(body.board.sourceTitle).toBe("Op-ed");
    const board = readBoard((await getAppContext().rooms.acquire(body.board.id)).doc);
    expect(board.positions.map((p) => p.label)).toEqual(["Make it free", "Keep the fares"]);
    expect(board.meta.title).toBe("Free transit?");
    expect(board.arguments).toEqual([]);
  });

  const invalid: [string, () => Request, number, string][] = [
    ["a missing title", () => post({ source: { kind: "article" } }), 400, "bad-request"],
    ["a 100 KB title", () => post({ title: "t".repeat(100_000), source: { kind: "article" } }), 400, "bad-request"],
    ["a body that is not JSON", () => post("{ title: oops"), 400, "bad-request"],
    ["an unknown source kind", () => post({ title: "x", source: { kind: "url", url: "http://example.com" } }), 400, "bad-request"],
    ["pasted text too short to debate", () => post({ title: "x", source: { kind: "text", title: "Short", text: "Too short." }, positions: [{ label: "A" }, { label: "B" }] }), 400, "bad-request"],
    ["pasted text without positions", () => post({ title: "x", source: { kind: "text", title: "T", text: PASTED_TEXT } }), 400, "bad-request"],
    ["only one position", () => post({ title: "x", source: { kind: "text", title: "T", text: PASTED_TEXT }, positions: [{ label: "Alone" }] }), 400, "bad-request"],
    ["a body over 1 MB", () => post({ title: "x", source: { kind: "text", title: "T", text: "word ".repeat(220_000) }, positions: [{ label: "A" }, { label: "B" }] }), 413, "payload-too-large"],
  ];

  it.each(invalid)("refuses %s with %i and an error body, creating nothing", async (_name, request, status, code) => {
    const boardsBefore = (await getAppContext().store.listRecentBoards(1000)).length;
    const response = await read(await handleCreateBoard(request()));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, message: expect.any(String) });
    expect(response.body.message.length).toBeGreaterThan(0);
    expect((await getAppContext().store.listRecentBoards(1000)).length).toBe(boardsBefore);
  });

  it.each([DEMO_JOIN_CODE, "demo18", "demo-18", "Demo 18", " DeMo-18 "])("joins the demo board by code %j", async (code) => {
    const { status, body } = await read(await handleJoinByCode(code));
    expect(status).toBe(200);
    expect(body.board).toMatchObject({ id: DEMO_BOARD_ID, joinCode: DEMO_JOIN_CODE, sourceTitle: loadDemoSource().title });
  });

  it("answers an unknown join code with 404 board-not-found, and a malformed one with 400", async () => {
    expect(await read(await handleJoinByCode("ZZZZ99"))).toMatchObject({ status: 404, body: { code: "board-not-found", message: expect.stringContaining("ZZZZ99") } });
    expect(await read(await handleJoinByCode("<script>"))).toMatchObject({ status: 400, body: { code: "bad-request" } });
  });

  it("reports health 200 with the PostgreSQL database", async () => {
    const report = await healthReport(getAppContext());
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ status: "ok", database: { kind: "postgres", reachable: true } });
    expect(report.body.database.location).toContain(db.name);
    const overHttp = await fetchHealth(server);
    expect(overHttp.status).toBe(200);
    expect(overHttp.body.database).toMatchObject({ kind: "postgres", reachable: true });
  });
});
