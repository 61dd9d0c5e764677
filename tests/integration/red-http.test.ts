/**
 * Issue 8 re-check over plain HTTP, as a hostile student would try it: the teacher's routes from
 * another site's page, names that only look different, and the join code guessed through the read
 * routes instead of the join route. Each case here was a hole before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard, type Membership } from "@/server/boards/join-board";
import type { RunningParley } from "@/server/parley";
import * as boardRoute from "@/app/api/boards/[id]/route";
import * as exportRoute from "@/app/api/boards/[id]/export/route";
import * as sourceRoute from "@/app/api/boards/[id]/source/route";
import * as archiveRoute from "@/app/api/boards/[id]/archive/route";
import * as duplicateRoute from "@/app/api/boards/[id]/duplicate/route";
import * as sessionRoute from "@/app/api/boards/[id]/session/route";
import * as reissueRoute from "@/app/api/boards/[id]/invites/reissue/route";
import * as memberRoute from "@/app/api/boards/[id]/members/[memberId]/route";
import * as membersRoute from "@/app/api/boards/[id]/members/route";
import * as meRoute from "@/app/api/boards/[id]/members/me/route";
import * as historyRoute from "@/app/api/boards/[id]/history/route";
import * as csvRoute from "@/app/api/boards/[id]/contributions.csv/route";
import * as peopleRoute from "@/app/api/boards/[id]/people/route";
import * as invitesRoute from "@/app/api/boards/[id]/invites/route";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const ORIGIN = "http://parley.test";
const EVIL = "https://evil.example";
/** A small join budget, so guessing is refused after a few tries. */
const JOINS_PER_MINUTE = 5;

let db: TestDatabase;
let server: RunningParley;

interface Seated {
  id: string;
  title: string;
  joinCode: string;
  facilitator: Membership;
  participant: Membership;
}

async function seatedBoard(title: string): Promise<Seated> {
  const { store } = server.context;
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(store, { title, source, positions: demoPositionDrafts(), accessMode: "managed" });
  const invites = Object.fromEntries((await store.listInvites(board.id)).map((i) => [i.role, i.token]));
  const facilitator = await joinBoard(store, board.id, { displayName: "Ms Rivera", invite: invites.facilitator });
  const participant = await joinBoard(store, board.id, { displayName: "Sam", invite: invites.participant });
  return { id: board.id, title, joinCode: board.joinCode, facilitator, participant };
}

/** A request as a browser sends it; `address` is the client address our HTTP server stamps. */
function request(path: string, init: { method?: string; token?: string; body?: unknown; type?: string; origin?: string; address?: string } = {}): Request {
  const headers: Record<string, string> = { host: "parley.test", "x-parley-client-address": init.address ?? "10.0.0.1" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = init.type ?? "application/json";
  if (init.origin !== undefined) headers.origin = init.origin;
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url, env: { PARLEY_JOINS_PER_MINUTE_PER_IP: String(JOINS_PER_MINUTE) } });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

type Init = Parameters<typeof request>[1];

/** Every teacher action, with a body the facilitator's own panel would send. */
function teacherCalls(board: Seated): Record<string, (init: Init) => Promise<Response>> {
  const id = board.id;
  const memberId = board.participant.member.id;
  const token = board.facilitator.memberToken;
  const at = (path: string, method: string, body: unknown, init: Init) => request(`/api/boards/${id}${path}`, { method, token, body, ...init });
  return {
    "DELETE board": (init) => boardRoute.DELETE(at("", "DELETE", { confirmTitle: board.title }, init), params({ id })),
    "PATCH member": (init) => memberRoute.PATCH(at(`/members/${memberId}`, "PATCH", { displayName: "Renamed by evil" }, init), params({ id, memberId })),
    "DELETE member": (init) => memberRoute.DELETE(at(`/members/${memberId}`, "DELETE", undefined, init), params({ id, memberId })),
    "PUT session": (init) => sessionRoute.PUT(at("/session", "PUT", { ended: true }, init), params({ id })),
    "PUT archive": (init) => archiveRoute.PUT(at("/archive", "PUT", { archived: true }, init), params({ id })),
    "POST duplicate": (init) => duplicateRoute.POST(at("/duplicate", "POST", undefined, init), params({ id })),
    "POST reissue": (init) => reissueRoute.POST(at("/invites/reissue", "POST", { joinCode: true }, init), params({ id })),
  };
}

describe("red: the teacher's routes are written only from this site", () => {
  it("refuses every teacher action sent by another site's page with the facilitator's token, and nothing changes", async () => {
    const board = await seatedBoard("Cross-site teacher");
    const { store } = server.context;
    for (const [name, call] of Object.entries(teacherCalls(board))) {
      for (const origin of [EVIL, "null"]) {
        const response = await call({ origin });
        expect({ name, origin, status: response.status }).toEqual({ name, origin, status: 403 });
      }
    }
    const after = await store.getBoard(board.id);
    expect(after).toMatchObject({ joinCode: board.joinCode, archivedAt: null });
    expect((await store.listMembers(board.id)).map((m) => [m.displayName, m.removedAt])).toEqual(
      expect.arrayContaining([["Sam", null]]),
    );
    expect((await store.listRecentBoards(1000)).filter((b) => b.title === board.title)).toHaveLength(1);
  });

  it("refuses a teacher action with a body that is not declared JSON (a form or text/plain post)", async () => {
    const board = await seatedBoard("Form-posted teacher");
    const calls = teacherCalls(board);
    for (const name of ["DELETE board", "PATCH member", "PUT session", "PUT archive", "POST reissue"]) {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
        const response = await calls[name]({ type });
        expect({ name, type, status: response.status }).toEqual({ name, type, status: 400 });
      }
    }
    expect(await server.context.store.getBoard(board.id)).toMatchObject({ joinCode: board.joinCode, archivedAt: null });
  });

  it("still lets the facilitator act from this site", async () => {
    const board = await seatedBoard("Same-site teacher");
    const calls = teacherCalls(board);
    expect((await calls["PUT session"]({ origin: ORIGIN })).status).toBe(200);
    expect((await calls["POST duplicate"]({ origin: ORIGIN })).status).toBe(201);
    expect((await calls["DELETE member"]({})).status).toBe(200);
  });
});

describe("red: names that only look like someone else's", () => {
  // Each renders as "Ms Rivera" (or nearly): invisible characters, bidi controls, Cyrillic and Greek letters.
  const lookalikes = [
    "Ms Rivera\u200B",
    "Ms\u200D Rivera",
    "\u2066Ms Rivera\u2069",
    "Ms Riv\u00ADera",
    "M\u0455 Rivera", // Cyrillic dze
    "Ms Riv\u0435ra", // Cyrillic ie
    "\u041Cs Rivera", // Cyrillic capital em
    "Ms Rivera\u3164", // Hangul filler
    "Ms\u3000Rivera", // ideographic space
    "Ms Ri\u03BDera", // Greek nu
  ];

  it("refuses a join under a look-alike of the facilitator's name", async () => {
    const board = await seatedBoard("Look-alike joins");
    for (const displayName of lookalikes) {
      const response = await membersRoute.POST(request(`/api/boards/${board.id}/members`, { body: { displayName, joinCode: board.joinCode }, address: "10.0.1.1" }), params({ id: board.id }));
      expect({ displayName, status: response.status }).toEqual({ displayName, status: 422 });
    }
    expect((await server.context.store.listMembers(board.id)).map((m) => m.displayName).sort()).toEqual(["Ms Rivera", "Sam"]);
  });

  it("refuses a rename to a look-alike of the facilitator's name; an honest name still works", async () => {
    const board = await seatedBoard("Look-alike renames");
    const rename = (displayName: string) =>
      meRoute.PATCH(request(`/api/boards/${board.id}/members/me`, { method: "PATCH", token: board.participant.memberToken, body: { displayName } }), params({ id: board.id }));
    for (const displayName of lookalikes) expect({ displayName, status: (await rename(displayName)).status }).toEqual({ displayName, status: 422 });
    expect((await rename("José Ramírez")).status).toBe(200);
    expect((await rename("Зоя")).status).toBe(200); // a real Cyrillic name is nobody's look-alike here
  });
});

describe("red: the join code cannot be guessed through the read routes", () => {
  it.each(["board", "export", "source"] as const)("%s: guesses with ?code= spend the join budget and are refused once it is spent", async (name) => {
    const board = await seatedBoard(`Guessing through ${name}`);
    const address = `10.2.0.${["board", "export", "source"].indexOf(name) + 1}`;
    const read = (code: string) => {
      const path = name === "board" ? `/api/boards/${board.id}?code=${code}` : name === "export" ? `/api/boards/${board.id}/export?format=json&code=${code}` : `/api/boards/${board.id}/source?code=${code}`;
      const route = name === "board" ? boardRoute.GET : name === "export" ? exportRoute.GET : sourceRoute.GET;
      return route(request(path, { address }), params({ id: board.id }));
    };
    const statuses: number[] = [];
    for (let i = 0; i < JOINS_PER_MINUTE + 3; i++) statuses.push((await read(`ZZZZ${String(i).padStart(2, "0")}`)).status);
    expect(statuses.slice(0, JOINS_PER_MINUTE)).toEqual(Array(JOINS_PER_MINUTE).fill(403));
    expect(statuses.slice(JOINS_PER_MINUTE)).toEqual([429, 429, 429]);
    // Even the right code is refused while the budget is spent: a guesser learns nothing from it.
    expect((await read(board.joinCode)).status).toBe(429);
    // Members reading with their token spend nothing.
    const member = await boardRoute.GET(request(`/api/boards/${board.id}`, { address, token: board.participant.memberToken }), params({ id: board.id }));
    expect(member.status).toBe(200);
  });
});

describe("red: odd bytes in names and member ids get a clear error, never reach the database", () => {
  const bad = ["N\u0000N", "Tab\u0007bell", "Half \ud800 surrogate"];

  it("refuses joins and renames under names with control characters or broken UTF-16 (400, nothing stored)", async () => {
    const board = await seatedBoard("Odd names");
    for (const displayName of bad) {
      const join = await membersRoute.POST(request(`/api/boards/${board.id}/members`, { body: { displayName, joinCode: board.joinCode }, address: "10.3.0.1" }), params({ id: board.id }));
      expect({ displayName, status: join.status }).toEqual({ displayName, status: 400 });
      const rename = await meRoute.PATCH(request(`/api/boards/${board.id}/members/me`, { method: "PATCH", token: board.participant.memberToken, body: { displayName } }), params({ id: board.id }));
      expect({ displayName, status: rename.status }).toEqual({ displayName, status: 400 });
      const teacher = await memberRoute.PATCH(
        request(`/api/boards/${board.id}/members/x`, { method: "PATCH", token: board.facilitator.memberToken, body: { displayName } }),
        params({ id: board.id, memberId: board.participant.member.id }),
      );
      expect({ displayName, status: teacher.status }).toEqual({ displayName, status: 400 });
    }
    expect((await server.context.store.listMembers(board.id)).map((m) => m.displayName).sort()).toEqual(["Ms Rivera", "Sam"]);
  });

  it("answers a NUL byte or an overlong member id in the path with 400, not a database error", async () => {
    const board = await seatedBoard("Odd member ids");
    const token = board.facilitator.memberToken;
    for (const memberId of ["mem-\u0000", "m".repeat(65)]) {
      const patch = await memberRoute.PATCH(request(`/api/boards/${board.id}/members/x`, { method: "PATCH", token, body: { displayName: "Zed" } }), params({ id: board.id, memberId }));
      const remove = await memberRoute.DELETE(request(`/api/boards/${board.id}/members/x`, { method: "DELETE", token }), params({ id: board.id, memberId }));
      expect([patch.status, (await patch.json()).code, remove.status, (await remove.json()).code]).toEqual([400, "bad-request", 400, "bad-request"]);
    }
  });
});

describe("red: an ended or archived board keeps its names", () => {
  it.each(["ended", "archived"] as const)("refuses a participant's rename once the board is %s; the facilitator may still rename", async (how) => {
    const board = await seatedBoard(`Renamed after class (${how})`);
    const close = how === "ended"
      ? sessionRoute.PUT(request(`/api/boards/${board.id}/session`, { method: "PUT", token: board.facilitator.memberToken, body: { ended: true } }), params({ id: board.id }))
      : archiveRoute.PUT(request(`/api/boards/${board.id}/archive`, { method: "PUT", token: board.facilitator.memberToken, body: { archived: true } }), params({ id: board.id }));
    expect((await close).status).toBe(200);
    const rename = (token: string, displayName: string) =>
      meRoute.PATCH(request(`/api/boards/${board.id}/members/me`, { method: "PATCH", token, body: { displayName } }), params({ id: board.id }));
    const refused = await rename(board.participant.memberToken, "Samuel");
    expect({ status: refused.status, code: (await refused.json()).code }).toEqual({ status: 403, code: "forbidden" });
    expect((await rename(board.facilitator.memberToken, "Ms Rivera-Lopez")).status).toBe(200);
    expect((await server.context.store.listMembers(board.id)).map((m) => m.displayName).sort()).toEqual(["Ms Rivera-Lopez", "Sam"]);
  });
});

describe("red: the teacher's rename folds names the same way", () => {
  it("refuses to give a member a look-alike of another member's name", async () => {
    const board = await seatedBoard("Teacher look-alikes");
    for (const displayName of ["ms  rivera", "Ms Rivera\u200B", "Ms Riv\u0435ra"]) {
      const response = await memberRoute.PATCH(
        request(`/api/boards/${board.id}/members/x`, { method: "PATCH", token: board.facilitator.memberToken, body: { displayName } }),
        params({ id: board.id, memberId: board.participant.member.id }),
      );
      expect({ displayName, status: response.status }).toEqual({ displayName, status: 422 });
    }
  });
});

describe("red: removed members and revoked links read nothing (held)", () => {
  it("refuses a removed member's token and a revoked observer link on every read route", async () => {
    const board = await seatedBoard("Removed and revoked");
    const { store } = server.context;
    const observerLink = (await store.listInvites(board.id)).find((i) => i.role === "observer")!.token;
    // A second facilitator, then removed: the strongest credential a removed member could hold.
    const facilitatorLink = (await store.listInvites(board.id)).find((i) => i.role === "facilitator")!.token;
    const removed = await joinBoard(store, board.id, { displayName: "Co-teacher", invite: facilitatorLink });
    expect((await memberRoute.DELETE(request(`/api/boards/${board.id}/members/x`, { method: "DELETE", token: board.facilitator.memberToken }), params({ id: board.id, memberId: removed.member.id }))).status).toBe(200);
    expect((await reissueRoute.POST(request(`/api/boards/${board.id}/invites/reissue`, { token: board.facilitator.memberToken, body: { roles: ["observer"] } }), params({ id: board.id }))).status).toBe(200);
    const id = board.id;
    const reads: Record<string, (token?: string, query?: string) => Promise<Response>> = {
      board: (token, query = "") => boardRoute.GET(request(`/api/boards/${id}${query}`, { token }), params({ id })),
      export: (token, query = "") => exportRoute.GET(request(`/api/boards/${id}/export?format=json${query.replace("?", "&")}`, { token, address: "10.7.0.1" }), params({ id })),
      source: (token, query = "") => sourceRoute.GET(request(`/api/boards/${id}/source${query}`, { token }), params({ id })),
      history: (token) => historyRoute.GET(request(`/api/boards/${id}/history`, { token }), params({ id })),
      csv: (token) => csvRoute.GET(request(`/api/boards/${id}/contributions.csv`, { token }), params({ id })),
      people: (token) => peopleRoute.GET(request(`/api/boards/${id}/people`, { token }), params({ id })),
      invites: (token) => invitesRoute.GET(request(`/api/boards/${id}/invites`, { token }), params({ id })),
    };
    for (const [name, read] of Object.entries(reads)) {
      expect({ name, status: (await read(removed.memberToken)).status }).toEqual({ name, status: 403 });
      expect({ name, status: (await read(undefined, `?invite=${observerLink}`)).status }).toEqual({ name, status: 403 });
    }
    const csvByQuery = await csvRoute.GET(request(`/api/boards/${id}/contributions.csv?token=${removed.memberToken}`), params({ id }));
    expect(csvByQuery.status).toBe(403);
  });
});
