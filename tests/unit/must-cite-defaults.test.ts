/**
 * Which boards start asking every argument to cite the article: new facilitated boards (unless their
 * creator unticks it) and their duplicates; open boards such as the demo never do, since nobody there
 * could switch it off and guests have no account to keep drafts in.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docFromParts } from "@/lib/board/snapshot";
import { readSession, writeSession } from "@/lib/session/session";
import { createBoard } from "@/server/boards/create-board";
import { duplicateBoard } from "@/server/boards/duplicate-board";
import { ensureDemoBoard } from "@/server/boards/ensure-demo-board";
import { joinBoard } from "@/server/boards/join-board";
import type { TeacherDeps } from "@/server/boards/teacher-context";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { DEMO_BOARD_ID, demoPositionDrafts, loadDemoSource } from "@/prisma/seed/demo-board";

const { sha256: _sha, ...source } = loadDemoSource();

async function mustCiteOf(store: MemoryBoardStore, boardId: string): Promise<boolean | undefined> {
  return readSession(docFromParts((await store.loadBoardState(boardId)).parts)).settings.mustCite;
}

describe("mustCite at board creation", () => {
  it("is on for a new facilitated board, off when its creator says so, and absent on open boards and the demo", async () => {
    const store = new MemoryBoardStore();
    const managed = await createBoard(store, { title: "Period 1", source, positions: demoPositionDrafts(), accessMode: "managed" });
    const unticked = await createBoard(store, { title: "Period 2", source, positions: demoPositionDrafts(), accessMode: "managed", mustCite: false });
    const open = await createBoard(store, { title: "Open", source, positions: demoPositionDrafts() });
    await ensureDemoBoard(store);
    expect(await mustCiteOf(store, managed.id)).toBe(true);
    expect(await mustCiteOf(store, unticked.id)).toBe(false);
    expect(await mustCiteOf(store, open.id)).toBeUndefined();
    expect(await mustCiteOf(store, DEMO_BOARD_ID)).toBeUndefined();
  });

  it("a duplicate keeps the teacher's choice, and a board from before the setting gets the new default", async () => {
    const store = new MemoryBoardStore();
    const duplicate = async (mustCite: boolean | undefined) => {
      const board = await createBoard(store, {
        title: "Period 3",
        source,
        positions: demoPositionDrafts(),
        accessMode: "managed",
        // A board made before mustCite existed has no such key in its settings.
        fill: (doc: Y.Doc) => {
          const { mustCite: _old, ...settings } = readSession(doc).settings;
          writeSession(doc, { settings: mustCite === undefined ? settings : { ...settings, mustCite } });
        },
      });
      const invite = (await store.listInvites(board.id)).find((i) => i.role === "facilitator")!;
      const { memberToken } = await joinBoard(store, board.id, { displayName: "Ms Rivera", invite: invite.token });
      return mustCiteOf(store, (await duplicateBoard({ store } as unknown as TeacherDeps, { boardId: board.id, memberToken })).boardId);
    };
    expect(await duplicate(false)).toBe(false);
    expect(await duplicate(true)).toBe(true);
    expect(await duplicate(undefined)).toBe(true);
  });
});
