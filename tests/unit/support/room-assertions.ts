/**
 * Shared steps and checks for the deterministic room tests: arguments written as a client's own
 * member, and the end state every scenario must reach (all clients, the live room, its trial copy and a
 * fresh load from the store read the same board).
 */
import { expect } from "vitest";
import { readArgument, readBoard } from "@/lib/board/doc";
import { deleteArgument, updateArgument } from "@/lib/board/operations";
import type { Argument } from "@/lib/board/argument";
import { ARTICLE, US, addTestArgument } from "../../integration/support/board";
import type { RoomClient } from "./room-client";
import { trialAgreesWithLive, type RoomFixture } from "./room-fixture";

/** Adds an argument as `client`'s member (top-level on the US position unless `parentId`). */
export function addAs(client: RoomClient, text: string, parentId = US): Argument {
  return client.edit((doc) => addTestArgument(doc, { parentId, text, author: { id: client.actor.memberId ?? "guest", name: client.name } }));
}

export function editAs(client: RoomClient, id: string, text: string): void {
  client.edit((doc) => {
    const result = updateArgument(doc, ARTICLE, id, { text });
    if (!result.ok) throw new Error(`${client.name} could not edit ${id}: ${result.error.message}`);
  });
}

export function deleteAs(client: RoomClient, id: string): void {
  client.edit((doc) => {
    const result = deleteArgument(doc, id);
    if (!result.ok) throw new Error(`${client.name} could not delete ${id}: ${result.error.message}`);
  });
}

/** Syncs every online client until nothing moves, however many rounds that takes. */
export async function syncAll(clients: RoomClient[]): Promise<void> {
  for (let round = 0; round < 10; round++) {
    for (const client of clients) await client.sync();
    if (clients.every((c) => !c.online || (c.toServer.size === 0 && c.toClient.size === 0))) return;
  }
  throw new Error("The clients kept sending after ten rounds.");
}

/** Every client, the live room, its trial copy and a fresh load from the store hold the same board. */
export async function expectConverged(fixture: RoomFixture, clients: RoomClient[]): Promise<void> {
  await syncAll(clients);
  const live = readBoard(fixture.room.doc);
  expect(fixture.room.doc.store.pendingStructs).toBeNull();
  expect(trialAgreesWithLive(fixture.room), "the trial copy equals the live document").toBe(true);
  expect(await fixture.stored()).toEqual(live);
  for (const client of clients) expect({ who: client.name, board: readBoard(client.doc) }).toEqual({ who: client.name, board: live });
}

/** Whether argument `id` is on the room's board, every client's and the stored one. */
export async function expectEverywhere(fixture: RoomFixture, clients: RoomClient[], id: string): Promise<void> {
  expect(readArgument(fixture.room.doc, id), `${id} in the live room`).not.toBeNull();
  expect((await fixture.stored()).arguments.map((a) => a.id), `${id} in a fresh load`).toContain(id);
  for (const client of clients) expect(readArgument(client.doc, id), `${id} at ${client.name}`).not.toBeNull();
}
