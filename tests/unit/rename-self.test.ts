import { describe, expect, it } from "vitest";
import { joinBoard } from "@/server/boards/join-board";
import { renameSelf } from "@/server/boards/rename-self";
import type { RoomManager } from "@/server/sync/room-manager";
import { openRoom } from "./support/room-fixture";
import { RoomClient } from "./support/room-client";

describe("renameSelf", () => {
  it("stores the new name, signs the member's open connections with it and tells facilitators at once", async () => {
    const fixture = await openRoom();
    const { member, memberToken } = await joinBoard(fixture.store, fixture.boardId, { displayName: "Bea" });
    const bea = new RoomClient(fixture.room, "Bea", { memberId: member.id, role: "participant", displayName: "Bea" });
    bea.connect();
    const teacher = fixture.client("Teacher", "facilitator");
    const rooms = { peek: async (id: string) => (id === fixture.boardId ? fixture.room : undefined) } as unknown as RoomManager;

    const renamed = await renameSelf({ store: fixture.store, rooms }, { boardId: fixture.boardId, memberToken, displayName: "Beatrice" });

    expect(renamed.displayName).toBe("Beatrice");
    expect((await fixture.store.listMembers(fixture.boardId)).find((m) => m.id === member.id)?.displayName).toBe("Beatrice");
    expect(bea.connection?.actor.displayName).toBe("Beatrice");
    const rosters = teacher.toClient.waiting.filter((m) => m.kind === "event" && m.name === "roster");
    expect(rosters.at(-1)).toMatchObject({ payload: { members: expect.arrayContaining([expect.objectContaining({ id: member.id, displayName: "Beatrice" })]) } });
  });

  it("refuses a stranger's token and changes nothing", async () => {
    const fixture = await openRoom();
    const { member } = await joinBoard(fixture.store, fixture.boardId, { displayName: "Bea" });
    const rooms = { peek: async () => fixture.room } as unknown as RoomManager;
    await expect(renameSelf({ store: fixture.store, rooms }, { boardId: fixture.boardId, memberToken: "not-a-token", displayName: "Mallory" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await fixture.store.listMembers(fixture.boardId)).find((m) => m.id === member.id)?.displayName).toBe("Bea");
  });
});
