/**
 * Parley JSON carries a facilitated board's teams and, for facilitators only, the individual ballots;
 * importing such a file brings both back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeParleyJson } from "@/lib/export/json";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard } from "@/server/boards/join-board";
import { handleExport, handleImport } from "@/server/http/export-api";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

describe("teams and votes in Parley JSON", () => {
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

  async function facilitatedBoard() {
    const { store } = server.context;
    const { sha256: _sha, ...source } = loadDemoSource();
    const board = await createBoard(store, { title: "Period 3", source, positions: demoPositionDrafts(), accessMode: "managed", fill: (doc, text) => fillDemoBoard(doc, text, Date.now()) });
    const invite = (await store.listInvites(board.id)).find((i) => i.role === "facilitator")!.token;
    const { member, memberToken } = await joinBoard(store, board.id, { displayName: "Ms Rivera", invite });
    return { board, member, memberToken };
  }

  const exportJson = async (boardId: string, token?: string) =>
    JSON.parse(
      await (
        await handleExport(new Request(`http://localhost/api/boards/${boardId}/export?format=json`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), boardId)
      ).text(),
    );

  it("exports teams to every member and ballots only to facilitators", async () => {
    const { board, member, memberToken } = await facilitatedBoard();
    await server.context.store.castVote(board.id, { argumentId: "demo-us-for-1", memberId: member.id, strength: 4, quoteSupport: 3 });

    // A managed board is read by its members only (server/boards/read-access.ts): a participant, say.
    const participant = await joinBoard(server.context.store, board.id, { displayName: "Sam", joinCode: board.joinCode });
    const anyone = await exportJson(board.id, participant.memberToken);
    expect(anyone.teams.map((t: { name: string }) => t.name)).toEqual(["Team US", "Team Pakistani military"]);
    expect(anyone.votes).toEqual([]);

    const facilitator = await exportJson(board.id, memberToken);
    expect(facilitator.votes).toEqual([{ argumentId: "demo-us-for-1", memberId: member.id, strength: 4, quoteSupport: 3, at: expect.any(String) }]);
  });

  it("imports teams and ballots back, so export → import → export is unchanged", async () => {
    const { board, member, memberToken } = await facilitatedBoard();
    await server.context.store.castVote(board.id, { argumentId: "demo-pak-for-1", memberId: member.id, strength: 2, quoteSupport: null });
    const first = await exportJson(board.id, memberToken);

    const created = await handleImport(new Request("http://localhost/api/boards/import", { method: "POST", body: JSON.stringify(first) }));
    expect(created.status).toBe(201);
    const { board: copy, facilitatorInvite } = await created.json();
    const { memberToken: copyToken } = await joinBoard(server.context.store, copy.id, { displayName: "Ms Rivera", invite: facilitatorInvite });
    const again = await exportJson(copy.id, copyToken);
    expect(normalizeParleyJson(JSON.stringify(again))).toBe(normalizeParleyJson(JSON.stringify(first)));
    expect(await server.context.store.listVotes(copy.id)).toHaveLength(1);
  });
});
