/**
 * The review endpoints, called as Next's route files call them, against PostgreSQL: a facilitator gets
 * the whole history and the contribution CSV, anyone else a 403, and compaction loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addArgument, updateArgument } from "@/lib/board/operations";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { buildActivity } from "@/lib/review/activity";
import { decodeHistory } from "@/lib/review/history";
import { replayHistory, stateAtStep } from "@/lib/review/replay";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard, type Membership } from "@/server/boards/join-board";
import type { BoardStore } from "@/server/persistence/board-store";
import { handleContributionsCsv, handleHistory } from "@/server/http/review-api";
import type { RunningParley } from "@/server/parley";
import { ARTICLE, boardAsStored, PAK_MILITARY, quote, SAMPLE_QUOTE, US } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const HOSTILE_NAME = "=cmd|' /C calc'!A0";

const historyRequest = (boardId: string, token?: string) =>
  new Request(`http://localhost/api/boards/${boardId}/history`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const csvRequest = (boardId: string, { bearer, query }: { bearer?: string; query?: string }) =>
  new Request(`http://localhost/api/boards/${boardId}/contributions.csv${query ? `?token=${encodeURIComponent(query)}` : ""}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });

/** A managed board with a facilitator and two participants, one with a name built to attack spreadsheets. */
async function managedBoard(store: BoardStore) {
  const { sha256: _sha, ...source } = loadDemoSource();
  const board = await createBoard(store, { title: "Review test board", source, positions: demoPositionDrafts(), accessMode: "managed" });
  const invites = new Map((await store.listInvites(board.id)).map((i) => [i.role, i.token]));
  const facilitator = await joinBoard(store, board.id, { displayName: "Ms Okafor", invite: invites.get("facilitator") });
  const amira = await joinBoard(store, board.id, { displayName: "Amira", invite: invites.get("participant") });
  const hostile = await joinBoard(store, board.id, { displayName: HOSTILE_NAME, invite: invites.get("participant") });
  return { boardId: board.id, facilitator, amira, hostile };
}

/** Applies `change` to the stored board and appends what it wrote as one update sent by `who`. */
async function write<T>(store: BoardStore, boardId: string, who: Membership, change: (doc: Y.Doc) => T): Promise<T> {
  const doc = docFromParts((await store.loadBoardState(boardId)).parts);
  const captured: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => captured.push(u));
  const result = change(doc);
  doc.destroy();
  await store.appendUpdate(boardId, Y.mergeUpdates(captured), who.member.id);
  return result;
}

const author = (who: Membership) => ({ id: who.member.id, name: who.member.displayName });

describe("review API", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let store: BoardStore;
  let session: Awaited<ReturnType<typeof managedBoard>>;
  let argumentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    store = server.context.store;
    session = await managedBoard(store);
    const { boardId, amira, hostile, facilitator } = session;
    const added = await write(store, boardId, amira, (doc) =>
      addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "Aid is leverage.", quotes: [quote(SAMPLE_QUOTE)], author: author(amira) }),
    );
    if (!added.ok) throw new Error(added.error.message);
    argumentId = added.value.id;
    await write(store, boardId, hostile, (doc) =>
      addArgument(doc, ARTICLE, { parentId: argumentId, stance: "against", text: "It never worked.", quotes: [], author: author(hostile) }),
    );
    await write(store, boardId, facilitator, (doc) => updateArgument(doc, ARTICLE, argumentId, { text: "Aid is real leverage." }));
    await write(store, boardId, amira, (doc) =>
      addArgument(doc, ARTICLE, { parentId: PAK_MILITARY, stance: "against", text: "Sovereignty first.", quotes: [], author: author(amira) }),
    );
    await store.castVote(boardId, { argumentId, memberId: hostile.member.id, strength: 4, quoteSupport: 2 });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("gives a facilitator every update with its sender, the votes and the members, and the replay rebuilds the board", async () => {
    const response = await handleHistory(historyRequest(session.boardId, session.facilitator.memberToken), session.boardId);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const history = decodeHistory(await response.json());
    const { amira, hostile, facilitator } = session;
    expect(history.members.map((m) => [m.displayName, m.role]).sort()).toEqual(
      [[HOSTILE_NAME, "participant"], ["Amira", "participant"], ["Ms Okafor", "facilitator"]].sort(),
    );
    expect(history.updates.map((u) => u.memberId)).toEqual([null, amira.member.id, hostile.member.id, facilitator.member.id, amira.member.id]);
    expect(history.votes).toEqual([expect.objectContaining({ argumentId, memberId: hostile.member.id, strength: 4, quoteSupport: 2 })]);
    const replay = replayHistory(history.updates);
    expect(stateAtStep(replay, replay.steps.length - 1)).toEqual(await boardAsStored(store, session.boardId));
    expect(buildActivity(history.updates, history.votes).map((e) => e.kind)).toEqual(["added", "cited", "added", "edited", "added", "voted"]);
  });

  it("serves the contribution CSV to a facilitator by header or by ?token=, defusing hostile names", async () => {
    for (const auth of [{ bearer: session.facilitator.memberToken }, { query: session.facilitator.memberToken }]) {
      const response = await handleContributionsCsv(csvRequest(session.boardId, auth), session.boardId);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="parley-${session.boardId}-contributions.csv"`);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      // Read the bytes: Response#text() would silently drop the byte-order mark Excel needs.
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).split("\r\n");
      expect(lines[0]).toBe("\ufeffmember,role,team,arguments,rebuttals,supports,quotes,votes,edits,first_activity,last_activity,member_id");
      // Name, role, then the counts (the team column, third, depends on how the board assigned seats).
      const row = (name: string) => lines.find((l) => l.startsWith(`${name},`))?.split(",").filter((_, i) => i !== 2).slice(0, 8);
      expect(row("Amira")).toEqual(["Amira", "participant", "2", "0", "0", "1", "0", "0"]);
      expect(row("Ms Okafor")).toEqual(["Ms Okafor", "facilitator", "0", "0", "0", "0", "0", "1"]);
      expect(lines.some((l) => l.startsWith(`'${HOSTILE_NAME},participant,`) && l.split(",").slice(3, 9).join(",") === "0,1,0,0,1,0")).toBe(true);
    }
  });

  it("refuses participants, missing tokens and other boards' facilitators with 403 forbidden", async () => {
    const other = await managedBoard(store);
    const attempts = [
      handleHistory(historyRequest(session.boardId, session.amira.memberToken), session.boardId),
      handleHistory(historyRequest(session.boardId), session.boardId),
      handleHistory(historyRequest(session.boardId, other.facilitator.memberToken), session.boardId),
      handleContributionsCsv(csvRequest(session.boardId, { query: session.amira.memberToken }), session.boardId),
      handleContributionsCsv(csvRequest(session.boardId, {}), session.boardId),
      handleContributionsCsv(csvRequest("no-such-board", { bearer: session.facilitator.memberToken }), "no-such-board"),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect((await response.json()).code).toBe("forbidden");
    }
  });

  it("keeps the whole history through compaction", async () => {
    const read = async () => decodeHistory(await (await handleHistory(historyRequest(session.boardId, session.facilitator.memberToken), session.boardId)).json());
    const before = await read();
    const folded = await store.compact(session.boardId, foldUpdates);
    expect(folded?.foldedUpdates).toBeGreaterThan(0);
    expect((await store.loadBoardState(session.boardId)).logLength).toBe(0);
    const after = await read();
    expect(after.updates.map((u) => [u.seq, u.at, u.memberId, [...u.data]])).toEqual(before.updates.map((u) => [u.seq, u.at, u.memberId, [...u.data]]));
    expect(buildActivity(after.updates, after.votes)).toEqual(buildActivity(before.updates, before.votes));
  });
});
