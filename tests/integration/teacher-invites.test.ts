/**
 * Revoking and reissuing a board's invite links (per role) and its join code: the old ones stop
 * working at once, the new ones work, and the people already on the board stay.
 */
import { describe, expect, it } from "vitest";
import { handleJoinMembers, handleListInvites } from "@/server/http/members-api";
import { handleReissueInvites } from "@/server/http/teacher-api";
import { posted, useManagedBoards } from "./support/managed-board";
import { expectFacilitatorsOnly, read, request } from "./support/teacher";

const h = useManagedBoards();

const reissue = (boardId: string, token: string | null, body: unknown) => handleReissueInvites(request("POST", token, body), boardId);
const join = (boardId: string, body: unknown) => handleJoinMembers(request("POST", null, body), boardId);

describe("teacher: revoke and reissue invites and the join code", () => {
  it("refuses everyone but the board's facilitators, and the old links keep working for them", async () => {
    const t = await h.table();
    const foreign = await h.table();
    await expectFacilitatorsOnly(t, foreign, (token) => reissue(t.boardId, token, { roles: ["participant"], joinCode: true }));
    expect((await join(t.boardId, { displayName: "Pia", invite: t.invites.participant })).status).toBe(201);
    expect((await join(t.boardId, { displayName: "Cody", joinCode: t.joinCode })).status).toBe(201);
  });

  it("the old participant link and join code join nobody; the new ones do; members stay", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    const answer = await read(await reissue(t.boardId, token, { roles: ["participant"], joinCode: true }));
    expect(answer.status).toBe(200);
    const { joinCode, invites } = answer.body;
    expect(joinCode).not.toBe(t.joinCode);
    expect(invites.participant).not.toBe(t.invites.participant);
    // Roles not named keep their links.
    expect(invites).toMatchObject({ facilitator: t.invites.facilitator, observer: t.invites.observer });

    expect(await read(await join(t.boardId, { displayName: "Pia", invite: t.invites.participant }))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await read(await join(t.boardId, { displayName: "Cody", joinCode: t.joinCode }))).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(await read(await join(t.boardId, { displayName: "Pia", invite: invites.participant }))).toMatchObject({ status: 201, body: { role: "participant" } });
    expect(await read(await join(t.boardId, { displayName: "Cody", joinCode }))).toMatchObject({ status: 201, body: { role: "participant" } });
    expect(await h.server.context.store.getBoardByJoinCode(t.joinCode)).toBeNull();

    // The panel reads the same links back.
    expect(await read(await handleListInvites(request("GET", token), t.boardId))).toMatchObject({ status: 200, body: { joinCode, invites } });
    // People already on the board carry on.
    await posted(t.alice, { text: "Alice is still in." });
  });

  it("revokes every role's link at once, the facilitator link included", async () => {
    const t = await h.table();
    const { body } = await read(await reissue(t.boardId, t.facilitator.seat.memberToken, { roles: ["facilitator", "participant", "observer"] }));
    expect(body.joinCode).toBe(t.joinCode);
    for (const role of ["facilitator", "participant", "observer"] as const) {
      expect((await join(t.boardId, { displayName: `Old ${role}`, invite: t.invites[role] })).status).toBe(403);
      expect(await read(await join(t.boardId, { displayName: `New ${role}`, invite: body.invites[role] }))).toMatchObject({ status: 201, body: { role } });
    }
  });

  it("two reissues at once leave exactly one working link per role", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    await Promise.all([reissue(t.boardId, token, { roles: ["participant"] }), reissue(t.boardId, token, { roles: ["participant"] })]);
    const live = (await h.server.context.store.listInvites(t.boardId)).filter((i) => i.role === "participant");
    expect(live).toHaveLength(1);
  });

  it("refuses a request that names nothing, or an unknown role", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    expect(await read(await reissue(t.boardId, token, {}))).toMatchObject({ status: 400, body: { code: "bad-request" } });
    expect(await read(await reissue(t.boardId, token, { roles: ["teacher"] }))).toMatchObject({ status: 400 });
    expect(await read(await reissue(t.boardId, token, "participant"))).toMatchObject({ status: 400 });
    expect((await join(t.boardId, { displayName: "Pia", invite: t.invites.participant })).status).toBe(201);
  });
});
