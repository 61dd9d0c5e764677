/**
 * Every route under app/api, called through its route file as Next calls it, with no credentials,
 * another board's credentials and the wrong role: closed boards stay closed (issue 8).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOARD_ID, demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard, type Membership } from "@/server/boards/join-board";
import type { RunningParley } from "@/server/parley";
import * as boardsRoute from "@/app/api/boards/route";
import * as boardRoute from "@/app/api/boards/[id]/route";
import * as exportRoute from "@/app/api/boards/[id]/export/route";
import * as sourceRoute from "@/app/api/boards/[id]/source/route";
import * as historyRoute from "@/app/api/boards/[id]/history/route";
import * as csvRoute from "@/app/api/boards/[id]/contributions.csv/route";
import * as invitesRoute from "@/app/api/boards/[id]/invites/route";
import * as membersRoute from "@/app/api/boards/[id]/members/route";
import * as meRoute from "@/app/api/boards/[id]/members/me/route";
import * as importRoute from "@/app/api/boards/import/route";
import * as joinRoute from "@/app/api/join/[code]/route";
import * as healthRoute from "@/app/api/health/route";
import { EVENTS } from "@/lib/protocol/protocol";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";

const ORIGIN = "http://parley.test";

interface Facilitated {
  id: string;
  joinCode: string;
  invites: Record<string, string>;
  facilitator: Membership;
  participant: Membership;
  observer: Membership;
}

let db: TestDatabase;
let server: RunningParley;
let board: Facilitated;
/** Another facilitated board: its members' tokens are "foreign" credentials for `board`. */
let other: Facilitated;

async function facilitatedBoard(title: string): Promise<Facilitated> {
  const { store } = server.context;
  const { sha256: _sha, ...source } = loadDemoSource();
  const created = await createBoard(store, { title, source, positions: demoPositionDrafts(), accessMode: "managed", fill: (doc, text) => fillDemoBoard(doc, text, Date.now()) });
  const invites = Object.fromEntries((await store.listInvites(created.id)).map((i) => [i.role, i.token]));
  const facilitator = await joinBoard(store, created.id, { displayName: "Ms Rivera", invite: invites.facilitator });
  const participant = await joinBoard(store, created.id, { displayName: "Sam", invite: invites.participant });
  const observer = await joinBoard(store, created.id, { displayName: "Olga", invite: invites.observer });
  await store.castVote(created.id, { argumentId: "demo-us-for-1", memberId: participant.member.id, strength: 4, quoteSupport: 3 });
  return { id: created.id, joinCode: created.joinCode, invites, facilitator, participant, observer };
}

/** A request as a browser on this site sends it (or, with `origin`, as another site's page does). */
function request(path: string, init: { method?: string; token?: string; body?: unknown; type?: string; origin?: string } = {}): Request {
  const headers: Record<string, string> = { host: "parley.test" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = init.type ?? "application/json";
  if (init.origin !== undefined) headers.origin = init.origin;
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

async function status(response: Response | Promise<Response>): Promise<{ status: number; body: any }> {
  const r = await response;
  const text = await r.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV, plain text, a binary export: keep the text
  }
  return { status: r.status, body };
}

/** Every read-only route of one board, with whatever credentials `token` (Bearer) and `query` carry. */
const READS = {
  board: (id: string, token?: string, query = "") => boardRoute.GET(request(`/api/boards/${id}${query}`, { token }), params({ id })),
  export: (id: string, token?: string, query = "") => exportRoute.GET(request(`/api/boards/${id}/export?format=json${query.replace("?", "&")}`, { token }), params({ id })),
  source: (id: string, token?: string, query = "") => sourceRoute.GET(request(`/api/boards/${id}/source${query}`, { token }), params({ id })),
};
const FACILITATOR_READS = {
  history: (id: string, token?: string) => historyRoute.GET(request(`/api/boards/${id}/history`, { token }), params({ id })),
  csv: (id: string, token?: string) => csvRoute.GET(request(`/api/boards/${id}/contributions.csv`, { token }), params({ id })),
  invites: (id: string, token?: string) => invitesRoute.GET(request(`/api/boards/${id}/invites`, { token }), params({ id })),
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url });
  board = await facilitatedBoard("Period 3");
  other = await facilitatedBoard("Period 4");
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});
afterEach(() => {
  delete process.env.PARLEY_CORS_ORIGIN;
});

describe("access: reading a facilitated board", () => {
  it.each(Object.keys(READS) as (keyof typeof READS)[])("%s: refuses no credentials, another board's member, a made-up token and a wrong code", async (name) => {
    const read = READS[name];
    expect(await status(read(board.id))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    for (const foreign of [other.facilitator, other.participant, other.observer]) {
      expect(await status(read(board.id, foreign.memberToken))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    }
    expect(await status(read(board.id, "made-up-token"))).toMatchObject({ status: 403 });
    expect(await status(read(board.id, undefined, `?invite=${other.invites.observer}`))).toMatchObject({ status: 403 });
    expect(await status(read(board.id, undefined, `?code=${other.joinCode}`))).toMatchObject({ status: 403 });
  });

  it.each(Object.keys(READS) as (keyof typeof READS)[])("%s: serves members of every role, the observer link and the code", async (name) => {
    const read = READS[name];
    for (const member of [board.facilitator, board.participant, board.observer]) expect((await read(board.id, member.memberToken)).status).toBe(200);
    expect((await read(board.id, undefined, `?invite=${board.invites.observer}`)).status).toBe(200);
    expect((await read(board.id, undefined, `?code=${board.joinCode.toLowerCase()}`)).status).toBe(200);
  });

  it.each(Object.keys(READS) as (keyof typeof READS)[])("%s: serves the open demo board to anyone, and 404s an id with a NUL byte", async (name) => {
    const read = READS[name];
    expect((await read(DEMO_BOARD_ID)).status).toBe(200);
    expect((await read(DEMO_BOARD_ID, other.facilitator.memberToken)).status).toBe(200);
    expect(await status(read("demo%00x"))).toMatchObject({ status: 404, body: { code: "board-not-found" } });
    expect(await status(read("demo\u0000x"))).toMatchObject({ status: 404, body: { code: "board-not-found" } });
  });

  it("gives the join code to facilitators only", async () => {
    const codeFor = async (token?: string, query = "") => (await status(READS.board(board.id, token, query))).body.board.joinCode;
    expect(await codeFor(board.facilitator.memberToken)).toBe(board.joinCode);
    expect(await codeFor(board.participant.memberToken)).toBeUndefined();
    expect(await codeFor(board.observer.memberToken)).toBeUndefined();
    expect(await codeFor(undefined, `?invite=${board.invites.observer}`)).toBeUndefined();
    const view = (await status(READS.board(board.id, board.observer.memberToken, "?include=source"))).body;
    expect(view).toMatchObject({ role: "observer", source: { text: expect.stringContaining("Pakistan") } });
  });

  it("exports ballots to the facilitator only", async () => {
    const votes = async (token: string) => JSON.parse(await (await READS.export(board.id, token)).text()).votes;
    expect(await votes(board.facilitator.memberToken)).toHaveLength(1);
    expect(await votes(board.participant.memberToken)).toEqual([]);
    expect(await votes(board.observer.memberToken)).toEqual([]);
  });

  it.each(Object.keys(FACILITATOR_READS) as (keyof typeof FACILITATOR_READS)[])("%s: facilitators only — not anyone, not another board's facilitator, not a participant or observer", async (name) => {
    const read = FACILITATOR_READS[name];
    for (const token of [undefined, "made-up-token", other.facilitator.memberToken, board.participant.memberToken, board.observer.memberToken]) {
      expect(await status(read(board.id, token))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    }
    expect((await read(board.id, board.facilitator.memberToken)).status).toBe(200);
    expect([403, 404]).toContain((await read("demo\u0000x", board.facilitator.memberToken)).status);
  });
});

describe("access: participants invite only when the facilitator lets them", () => {
  it("gives a participant the code and the participant link while the setting is on, an observer never", async () => {
    const t = await facilitatedBoard("Period 5");
    const codeFor = async (token: string) => (await status(READS.board(t.id, token))).body.board.joinCode;
    const invitesFor = (token: string) => status(FACILITATOR_READS.invites(t.id, token));
    const facilitator = await RawClient.connect(server.url);
    const setInvite = (on: boolean) => facilitator.request(EVENTS.command, { type: "set-settings", patch: { participantsInvite: on } });
    try {
      expect(await facilitator.join(t.id, undefined, t.facilitator.memberToken)).toMatchObject({ ok: true, role: "facilitator" });
      expect(await codeFor(t.participant.memberToken)).toBeUndefined();
      expect(await invitesFor(t.participant.memberToken)).toMatchObject({ status: 403 });

      expect(await setInvite(true)).toMatchObject({ ok: true });
      expect(await codeFor(t.participant.memberToken)).toBe(t.joinCode);
      expect(await invitesFor(t.participant.memberToken)).toMatchObject({ status: 200, body: { joinCode: t.joinCode, invites: { participant: t.invites.participant } } });
      expect(Object.keys((await invitesFor(t.participant.memberToken)).body.invites)).toEqual(["participant"]);
      expect(await codeFor(t.observer.memberToken)).toBeUndefined();
      expect(await invitesFor(t.observer.memberToken)).toMatchObject({ status: 403 });
      expect(await invitesFor(other.participant.memberToken)).toMatchObject({ status: 403 });

      expect(await setInvite(false)).toMatchObject({ ok: true });
      expect(await codeFor(t.participant.memberToken)).toBeUndefined();
      expect(await invitesFor(t.participant.memberToken)).toMatchObject({ status: 403 });
    } finally {
      facilitator.close();
    }
  });
});

describe("access: the public list and join by code", () => {
  it("lists open boards only and never a join code (the route reads no credentials at all)", async () => {
    const { body } = await status(boardsRoute.GET());
    const ids = body.boards.map((b: { id: string }) => b.id);
    expect(ids).toContain(DEMO_BOARD_ID);
    expect(ids).not.toContain(board.id);
    expect(ids).not.toContain(other.id);
    expect(body.boards.every((b: { joinCode?: string; accessMode: string }) => b.joinCode === undefined && b.accessMode === "open")).toBe(true);
  });

  it("answers a join code with its board, and refuses a NUL byte as a bad code", async () => {
    const found = await status(joinRoute.GET(request(`/api/join/${board.joinCode}`), params({ code: board.joinCode })));
    expect(found).toMatchObject({ status: 200, body: { board: { id: board.id } } });
    expect((await joinRoute.GET(request("/api/join/x"), params({ code: "DEMO\u000018" }))).status).toBe(400);
  });
});

describe("access: health", () => {
  it("is public and names no board", async () => {
    const { status: code, body } = await status(healthRoute.GET());
    expect(code).toBe(200);
    expect(JSON.stringify(body)).not.toContain(board.id);
  });
});

describe("access: writes come from this site, as JSON", () => {
  const create = (init: Parameters<typeof request>[1]) => boardsRoute.POST(request("/api/boards", { body: { title: "Cross-site", source: { kind: "article" } }, ...init }));

  it("refuses to create a board from a text/plain body or another site's page", async () => {
    const before = (await server.context.store.listRecentBoards(1000)).length;
    expect(await status(create({ type: "text/plain" }))).toMatchObject({ status: 400, body: { code: "bad-request" } });
    expect(await status(create({ type: "application/x-www-form-urlencoded" }))).toMatchObject({ status: 400 });
    expect(await status(create({ origin: "https://evil.example" }))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await status(create({ origin: "null" }))).toMatchObject({ status: 403 });
    expect((await server.context.store.listRecentBoards(1000)).length).toBe(before);
    expect((await create({ origin: ORIGIN })).status).toBe(201);
    expect((await create({})).status).toBe(201);
  });

  it("lets the origins in PARLEY_CORS_ORIGIN write", async () => {
    process.env.PARLEY_CORS_ORIGIN = "https://classroom.example, https://other.example";
    expect((await create({ origin: "https://classroom.example" })).status).toBe(201);
    expect((await create({ origin: "https://evil.example" })).status).toBe(403);
  });

  it("refuses to add a member from a text/plain body, another site, or without a capability", async () => {
    const join = (body: unknown, init: Parameters<typeof request>[1] = {}) =>
      membersRoute.POST(request(`/api/boards/${board.id}/members`, { body, ...init }), params({ id: board.id }));
    const before = (await server.context.store.listMembers(board.id)).length;
    expect((await join({ displayName: "Mallory", joinCode: board.joinCode }, { type: "text/plain" })).status).toBe(400);
    expect((await join({ displayName: "Mallory", joinCode: board.joinCode }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await join({ displayName: "Mallory" })).status).toBe(403);
    expect((await join({ displayName: "Mallory", invite: other.invites.facilitator })).status).toBe(403);
    expect((await join({ displayName: "Mallory", invite: "bad\u0000invite" })).status).toBe(403);
    expect((await join({ displayName: "Mallory", joinCode: other.joinCode })).status).toBe(403);
    expect((await server.context.store.listMembers(board.id)).length).toBe(before);
    const bad = await membersRoute.POST(request(`/api/boards/x/members`, { body: { displayName: "M" } }), params({ id: "demo\u0000x" }));
    expect(bad.status).toBe(404);
  });

  it("refuses an import from another site's page", async () => {
    const exported = await (await READS.export(DEMO_BOARD_ID)).text();
    const imported = (origin?: string) => importRoute.POST(request("/api/boards/import", { body: exported, origin }));
    expect((await imported("https://evil.example")).status).toBe(403);
    expect((await imported(ORIGIN)).status).toBe(201);
  });
});

describe("access: names are unique on a facilitated board", () => {
  const rename = (id: string, token: string | undefined, displayName: string, init: Parameters<typeof request>[1] = {}) =>
    meRoute.PATCH(request(`/api/boards/${id}/members/me`, { method: "PATCH", token, body: { displayName }, ...init }), params({ id }));

  it("refuses a rename without credentials, with another board's token, from another site or as text/plain", async () => {
    expect((await rename(board.id, undefined, "Zed")).status).toBe(403);
    expect((await rename(board.id, other.participant.memberToken, "Zed")).status).toBe(403);
    expect((await rename(board.id, board.participant.memberToken, "Zed", { origin: "https://evil.example" })).status).toBe(403);
    expect((await rename(board.id, board.participant.memberToken, "Zed", { type: "text/plain" })).status).toBe(400);
    const names = (await server.context.store.listMembers(board.id)).map((m) => m.displayName);
    expect(names).not.toContain("Zed");
  });

  it("refuses a participant's rename to the facilitator's name, in any letter case", async () => {
    for (const name of ["Ms Rivera", "ms rivera", "MS  RIVERA "]) {
      expect(await status(rename(board.id, board.participant.memberToken, name))).toMatchObject({ status: 422, body: { code: "invalid-content" } });
    }
    const sam = (await server.context.store.listMembers(board.id)).find((m) => m.id === board.participant.member.id);
    expect(sam?.displayName).toBe("Sam");
    // One's own name in another case is still one's own.
    expect((await rename(board.id, board.participant.memberToken, "SAM")).status).toBe(200);
    expect((await rename(board.id, board.participant.memberToken, "Sam")).status).toBe(200);
  });

  it("refuses a join under a member's name", async () => {
    const join = membersRoute.POST(request(`/api/boards/${board.id}/members`, { body: { displayName: "olga", joinCode: board.joinCode } }), params({ id: board.id }));
    expect(await status(join)).toMatchObject({ status: 422, body: { code: "invalid-content" } });
  });

  it("lets exactly one of two simultaneous claims on a free name through (join vs join, rename vs join, both orders)", async () => {
    const { store } = server.context;
    for (let i = 0; i < 10; i++) {
      const name = `Twin ${i}`;
      const joinAs = () => joinBoard(store, board.id, { displayName: name.toUpperCase(), joinCode: board.joinCode }).then(() => "joined");
      const renameTo = () => rename(board.id, board.observer.memberToken, name).then((r) => (r.ok ? "renamed" : Promise.reject(new Error(String(r.status)))));
      const claims = i % 3 === 0 ? [joinAs(), joinAs()] : i % 3 === 1 ? [renameTo(), joinAs()] : [joinAs(), renameTo()];
      const outcomes = await Promise.allSettled(claims);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const holders = (await store.listMembers(board.id)).filter((m) => m.displayName.toLowerCase() === name.toLowerCase());
      expect(holders).toHaveLength(1);
    }
    await rename(board.id, board.observer.memberToken, "Olga");
  });
});
