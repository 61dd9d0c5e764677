/**
 * Shared set-up for the permission suites: one database and sync server per suite, and for each test a
 * fresh facilitated board on the seed article with a facilitator, two participants on opposing teams
 * and an observer, each connected as a {@link MemberClient} with their own member token.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type * as Y from "yjs";
import type { Argument, Stance } from "@/lib/board/argument";
import { readArgument } from "@/lib/board/doc";
import { readSession, teamOf, type Team } from "@/lib/session/session";
import { arguesForTeam, sideOf } from "@/lib/session/sides";
import type { Role } from "@/lib/board/roles";
import { createBoard } from "@/server/boards/create-board";
import { joinBoard } from "@/server/boards/join-board";
import type { RunningParley } from "@/server/parley";
import { demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";
import { PAK_MILITARY, US, addTestArgument } from "./board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./database";
import { MemberClient, type Seat } from "./member-client";
import { RawClient } from "./raw-client";
import { startSyncServer } from "./server";

/** The teams createBoard makes for the seed article's two positions. */
export const TEAM_US = "team-us";
export const TEAM_PAK = "team-pak-military";

export interface Table {
  boardId: string;
  joinCode: string;
  invites: Record<Role, string>;
  facilitator: MemberClient;
  /** Participant on TEAM_US. */
  alice: MemberClient;
  /** Participant on TEAM_PAK. */
  bob: MemberClient;
  observer: MemberClient;
  /** Seats and connects one more member with `role`'s invite (and puts them on `team`, if given). */
  join(role: Role, displayName: string, team?: string): Promise<MemberClient>;
}

export interface ManagedHarness {
  db: TestDatabase;
  server: RunningParley;
  /** A new facilitated board with its four people connected and both participants on their teams. */
  table(): Promise<Table>;
  /** A seat on `boardId` without a connection. */
  seat(boardId: string, request: { displayName: string; invite?: string; joinCode?: string }): Promise<Seat>;
  /** A raw client closed after the test; `auth` goes with its handshake (a join carried in it). */
  raw(auth?: object): Promise<RawClient>;
  /** The board's update log as stored: "seq:hex" per row. */
  storedRows(boardId: string): Promise<string[]>;
  /** The board's document as a newly connected facilitator receives it. */
  served(table: Table): Promise<Y.Doc>;
}

/** `env`: extra server settings for the suite (small abuse limits, say). */
export function useManagedBoards(env?: Record<string, string>): ManagedHarness {
  const open: { close(): void }[] = [];
  const h = {} as ManagedHarness;

  beforeAll(async () => {
    h.db = await createTestDatabase();
    h.server = await startSyncServer({ databaseUrl: h.db.url, env });
    const { store } = h.server.context;

    h.seat = async (boardId, request) => {
      const { member, memberToken } = await joinBoard(store, boardId, request);
      return { memberId: member.id, memberToken, role: member.role as Role, displayName: member.displayName };
    };
    h.raw = async (auth) => {
      const raw = await RawClient.connect(h.server.url, undefined, auth);
      open.push(raw);
      return raw;
    };
    h.storedRows = async (boardId) =>
      (await queryDatabase<{ seq: number; data: Buffer }>(h.db.url, "SELECT seq, data FROM board_updates WHERE board_id = $1 ORDER BY seq", [boardId])).map(
        (r) => `${r.seq}:${r.data.toString("hex")}`,
      );
    h.served = async (table) => (await h.raw()).joinAndLoad(table.boardId, table.facilitator.seat.memberToken);
    h.table = async () => {
      const { sha256: _sha, ...source } = loadDemoSource();
      const board = await createBoard(store, { title: "Permissions test board", source, positions: demoPositionDrafts(), accessMode: "managed" });
      const invites = Object.fromEntries((await store.listInvites(board.id)).map((i) => [i.role, i.token])) as Record<Role, string>;
      const connect = async (role: Role, displayName: string) => {
        const client = await MemberClient.open(h.server.url, board.id, await h.seat(board.id, { displayName, invite: invites[role] }));
        open.push(client);
        return client;
      };
      const facilitator = await connect("facilitator", "Fran");
      const table: Table = {
        boardId: board.id,
        joinCode: board.joinCode,
        invites,
        facilitator,
        alice: await connect("participant", "Alice"),
        bob: await connect("participant", "Bob"),
        observer: await connect("observer", "Olga"),
        join: async (role, displayName, team) => {
          const client = await connect(role, displayName);
          if (team) await assign(facilitator, client, team);
          return client;
        },
      };
      await assign(facilitator, table.alice, TEAM_US);
      await assign(facilitator, table.bob, TEAM_PAK);
      return table;
    };
  });

  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  afterAll(async () => {
    await h.server?.close();
    await h.db?.drop();
  });
  return h;
}

async function assign(facilitator: MemberClient, member: MemberClient, teamId: string): Promise<void> {
  expect(await facilitator.command({ type: "assign-team", memberId: member.memberId, teamId })).toMatchObject({ ok: true });
  // The command's ack goes to the facilitator; the member hears of the change by broadcast, in its own time.
  await member.sessionWhere((session) => teamOf(session, member.memberId)?.id === teamId, `to be on team ${teamId}`);
}

/**
 * Posts an argument as `client`'s own member, on their team's side unless told otherwise: top-level on
 * their team's position (US without a team), and a reply with the stance that makes their team's case.
 */
export function post(
  client: MemberClient,
  options: { parentId?: string; stance?: Stance; text?: string; authorName?: string; authorId?: string } = {},
): Promise<{ ack: Awaited<ReturnType<MemberClient["update"]>>["ack"]; value: Argument }> {
  const team = teamOf(readSession(client.doc), client.memberId);
  const { parentId = ownPosition(client), text = `${client.seat.displayName} argues.`, authorName = client.seat.displayName, authorId = client.memberId } = options;
  return client.update((doc: Y.Doc) => addTestArgument(doc, { parentId, stance: options.stance ?? ownSideStance(doc, parentId, team), text, author: { id: authorId, name: authorName } }));
}

/** The position `client`'s team argues for (US without a team): where their top-level arguments go. */
export function ownPosition(client: MemberClient): string {
  return teamOf(readSession(client.doc), client.memberId)?.positionId ?? US;
}

/** The stance under `parentId` that argues for `team`'s position ("for" without a team). */
function ownSideStance(doc: Y.Doc, parentId: string, team: Team | null): Stance {
  const parent = readArgument(doc, parentId);
  if (!team || !parent) return "for";
  return arguesForTeam(sideOf(parent, (id) => readArgument(doc, id)), team) ? "for" : "against";
}

/** Posts as `client` and expects the server to accept it; resolves with the argument. */
export async function posted(client: MemberClient, options: Parameters<typeof post>[1] = {}): Promise<Argument> {
  const { ack, value } = await post(client, options);
  expect(ack).toEqual({ ok: true });
  return value;
}

export { PAK_MILITARY, US };
