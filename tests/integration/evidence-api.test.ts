/**
 * GET /api/boards/:id/evidence: who sees what. Quote-support means come from blind votes (the
 * facilitator before the reveal, everyone after); quoteless-draft counts are the facilitator's, and
 * never carry a draft's text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvidenceReport } from "@/lib/evidence/report";
import { writeSession } from "@/lib/session/session";
import type { Role } from "@/lib/board/roles";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard } from "@/server/boards/join-board";
import type { RunningParley } from "@/server/parley";
import * as evidenceRoute from "@/app/api/boards/[id]/evidence/route";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const US = "pos-us";
const PAK = "pos-pak-military";
const DRAFT_TEXT = "A private draft nobody else may read";
let db: TestDatabase;
let server: RunningParley;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyncServer({ databaseUrl: db.url, env: { PARLEY_EXPORTS_PER_MINUTE_PER_IP: "200", PARLEY_JOINS_PER_MINUTE_PER_IP: "200" } });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

interface Seeded {
  boardId: string;
  tokens: Record<Role, string>;
}

/** A facilitated demo board: two rated arguments, Amira on Team US and Omar on Team Pakistani military, three drafts. */
async function seededBoard(revealed: boolean): Promise<Seeded> {
  const at = new Date("2026-11-27T10:00:00Z");
  const { store } = server.context;
  const board = await createBoard(store, {
    title: "Evidence board",
    source: loadDemoSource(),
    positions: demoPositionDrafts(),
    accessMode: "managed",
    votes: [
      { argumentId: "demo-us-for-1", memberId: "m1", strength: 5, quoteSupport: 4, at },
      { argumentId: "demo-us-for-1", memberId: "m2", strength: 4, quoteSupport: 2, at },
    ],
    fill: (doc, text) => {
      fillDemoBoard(doc, text, at.getTime());
      writeSession(doc, { voting: { revealed }, assignments: { "demo-amira": "team-us", "demo-omar": "team-pak-military" } });
    },
  });
  const invites = Object.fromEntries((await store.listInvites(board.id)).map((i) => [i.role, i.token])) as Record<Role, string>;
  const seat = async (role: Role) => (await joinBoard(store, board.id, { displayName: `A ${role}`, invite: invites[role] })).memberToken;
  const tokens = { facilitator: await seat("facilitator"), participant: await seat("participant"), observer: await seat("observer") };
  const record = (positionId: string, quotes: unknown[]) => ({ id: "x", positionId, parentId: positionId, stance: "for", text: DRAFT_TEXT, quotes });
  await store.saveDraft({ id: `${board.id}-d1`, boardId: board.id, teamId: "team-us", memberId: "m1", record: record(US, []) });
  await store.saveDraft({ id: `${board.id}-d2`, boardId: board.id, teamId: "team-us", memberId: "m1", record: record(US, [{ exact: "quoted", start: 0, end: 6 }]) });
  await store.saveDraft({ id: `${board.id}-d3`, boardId: board.id, teamId: "team-pak-military", memberId: "m2", record: record(PAK, []) });
  return { boardId: board.id, tokens };
}

async function fetchReport(boardId: string, token: string | null): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { host: "parley.test", "x-parley-client-address": "10.14.0.1" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await evidenceRoute.GET(new Request(`http://parley.test/api/boards/${boardId}/evidence`, { headers }), { params: Promise.resolve({ id: boardId }) });
  return { status: response.status, text: await response.text() };
}

const side = (report: EvidenceReport, key: string) => report.sides.find((s) => s.key === key)!;

describe("evidence report endpoint", () => {
  let hidden: Seeded;
  beforeAll(async () => {
    hidden = await seededBoard(false);
  });

  it("gives the facilitator quote support and quoteless-draft counts before the reveal", async () => {
    const { status, text } = await fetchReport(hidden.boardId, hidden.tokens.facilitator);
    expect(status).toBe(200);
    const report = JSON.parse(text) as EvidenceReport;
    expect(report).toMatchObject({ votesShown: true, draftsShown: true, quotelessDraftsWithoutTeam: 0 });
    expect(side(report, US).quoteSupport).toBe(3);
    expect(side(report, US).quotelessDrafts).toBe(1);
    expect(side(report, PAK).quotelessDrafts).toBe(1);
    expect(report.teams.map((t) => [t.key, t.arguments, t.quotelessDrafts])).toEqual([
      ["team-us", 2, 1],
      ["team-pak-military", 1, 1],
    ]);
    // Every demo argument quotes the article.
    expect(side(report, US).quotedShare).toBe(1);
    expect(side(report, US).topPassages.length).toBeGreaterThan(0);
    expect(text).not.toContain(DRAFT_TEXT);
  });

  it("withholds vote figures and draft counts from participants and observers while votes are hidden", async () => {
    for (const token of [hidden.tokens.participant, hidden.tokens.observer]) {
      const { status, text } = await fetchReport(hidden.boardId, token);
      expect(status).toBe(200);
      const report = JSON.parse(text) as EvidenceReport;
      expect(report).toMatchObject({ votesShown: false, draftsShown: false, quotelessDraftsWithoutTeam: null });
      expect([...report.sides, ...report.teams].every((row) => row.quoteSupport === null && row.quotelessDrafts === null)).toBe(true);
      expect(side(report, US).arguments).toBeGreaterThan(0);
    }
  });

  it("shows quote support to participants once the results are revealed, still without draft counts", async () => {
    const revealed = await seededBoard(true);
    const report = JSON.parse((await fetchReport(revealed.boardId, revealed.tokens.participant)).text) as EvidenceReport;
    expect(report.votesShown).toBe(true);
    expect(side(report, US).quoteSupport).toBe(3);
    expect(report.draftsShown).toBe(false);
  });

  it("refuses strangers to a facilitated board, and unknown boards", async () => {
    expect((await fetchReport(hidden.boardId, null)).status).toBe(403);
    expect((await fetchReport("no-such-board", null)).status).toBe(404);
    expect((await fetchReport("bad id!", null)).status).toBe(404);
  });
});
