/**
 * The browser's BoardClient when a facilitator acts on its member: a new role arrives by itself (the
 * client rejoins when told to), and a removed member ends "failed" with the reason, not "offline".
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/board/roles";
import type { ErrorPayload } from "@/lib/errors/errors";
import { BoardClient } from "@/components/sync/board-client";
import { handleChangeMember, handleDeleteBoard, handleRemoveMember } from "@/server/http/teacher-api";
import { useManagedBoards } from "./support/managed-board";
import { request } from "./support/teacher";
import { waitFor } from "./support/wait";

const h = useManagedBoards();
const clients: BoardClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

/** A browser client for `memberToken` that records who it is and what it was told. */
async function browser(boardId: string, memberToken: string) {
  const client = new BoardClient(boardId, { url: h.server.url, memberToken });
  clients.push(client);
  const seen = { roles: [] as Role[], errors: [] as ErrorPayload[] };
  client.on("joined", ({ role }) => seen.roles.push(role));
  client.on("error", (error) => seen.errors.push(error));
  await waitFor(() => client.status === "live", { message: "the client to go live" });
  return { client, seen };
}

describe("the browser client and the teacher's actions", () => {
  it("joins again by itself with its new role, and can go on writing when made a facilitator", async () => {
    const t = await h.table();
    const { client, seen } = await browser(t.boardId, t.observer.seat.memberToken);
    expect(seen.roles).toEqual(["observer"]);
    await handleChangeMember(request("PATCH", t.facilitator.seat.memberToken, { role: "participant" }), t.boardId, t.observer.memberId);
    await waitFor(() => seen.roles.length === 2 && client.status === "live", { message: "the client to rejoin" });
    expect(seen.roles).toEqual(["observer", "participant"]);
    expect(seen.errors.find((e) => e.code === "resync-required")?.details).toMatchObject({ member: { role: "participant", displayName: "Olga" } });
  });

  it("a removed member's client ends failed, saying why, and does not keep trying", async () => {
    const t = await h.table();
    const { client, seen } = await browser(t.boardId, t.bob.seat.memberToken);
    await handleRemoveMember(request("DELETE", t.facilitator.seat.memberToken), t.boardId, t.bob.memberId);
    await waitFor(() => client.status === "failed", { message: "the client to fail" });
    expect(seen.errors.at(-1)).toMatchObject({ code: "forbidden", message: "You were removed from this board." });
  });

  it("a client on a deleted board ends failed with board-not-found", async () => {
    const t = await h.table();
    const { client, seen } = await browser(t.boardId, t.alice.seat.memberToken);
    const title = (await h.server.context.store.getBoard(t.boardId))!.title;
    await handleDeleteBoard(request("DELETE", t.facilitator.seat.memberToken, { confirmTitle: title }), t.boardId);
    await waitFor(() => client.status === "failed", { message: "the client to fail" });
    expect(seen.errors.at(-1)).toMatchObject({ code: "board-not-found" });
  });
});
