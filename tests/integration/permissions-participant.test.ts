/**
 * What a participant may not do however they phrase it: give facilitator commands, write the session
 * root with a hand-made Yjs update, write in someone else's name, or change someone else's argument
 * (unless the facilitator turned co-editing on). What they may do: look after their own arguments.
 */
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { readArgument, readBoard } from "@/lib/board/doc";
import { deleteArgument, updateArgument } from "@/lib/board/operations";
import { FACILITATOR_COMMANDS, type Command, type CommandType } from "@/lib/session/commands";
import { DEFAULT_PHASES, readSession, sessionRoot, writeSession } from "@/lib/session/session";
import { ARTICLE } from "./support/board";
import { post, posted, TEAM_PAK, useManagedBoards, type Table } from "./support/managed-board";
import { waitFor } from "./support/wait";

describe("permissions: participants", () => {
  const h = useManagedBoards();

  /** A valid payload for every facilitator command, so only the role can be what refuses it. */
  function facilitatorCommands(t: Table, argumentId: string): Record<string, Command> {
    return {
      "set-settings": { type: "set-settings", patch: { locked: true } },
      "set-phases": { type: "set-phases", phases: DEFAULT_PHASES.slice(0, 2) },
      "start-phase": { type: "start-phase", phaseId: "openings" },
      "next-phase": { type: "next-phase" },
      "pause-clock": { type: "pause-clock" },
      "resume-clock": { type: "resume-clock" },
      "stop-clock": { type: "stop-clock" },
      "set-spotlight": { type: "set-spotlight", argumentId },
      "set-teams": { type: "set-teams", teams: t.facilitator.session.teams.slice(0, 1) },
      "assign-team": { type: "assign-team", memberId: t.alice.memberId, teamId: TEAM_PAK },
      "swap-sides": { type: "swap-sides" },
      "reveal-votes": { type: "reveal-votes", revealed: true },
      "reveal-drafts": { type: "reveal-drafts" },
    } satisfies Record<string, Command>;
  }

  it("cannot give any facilitator command, each with a valid payload", async () => {
    const t = await h.table();
    const { id } = await posted(t.alice);
    // A running, paused clock would let pause-clock, resume-clock and next-phase all succeed for a facilitator.
    expect(await t.facilitator.command({ type: "start-phase", phaseId: "drafting" })).toMatchObject({ ok: true });
    const commands = facilitatorCommands(t, id);
    expect(new Set(Object.keys(commands))).toEqual(new Set<CommandType>(FACILITATOR_COMMANDS));
    const before = { session: t.facilitator.session, rows: await h.storedRows(t.boardId) };

    for (const participant of [t.alice, t.bob]) {
      for (const command of Object.values(commands)) {
        expect(await participant.command(command), command.type).toMatchObject({ ok: false, code: "forbidden" });
      }
    }
    expect(await h.storedRows(t.boardId)).toEqual(before.rows);
    expect(readSession(await h.served(t))).toEqual(before.session);
  });

  const sessionWrites: [string, (doc: Y.Doc, t: Table, argumentId: string) => void][] = [
    ["unlock the locked board", (doc) => writeSession(doc, { settings: { ...readSession(doc).settings, locked: false } })],
    ["reveal the votes", (doc) => writeSession(doc, { voting: { revealed: true } })],
    ["put their argument in the spotlight", (doc, _t, argumentId) => writeSession(doc, { spotlight: { argumentId, at: Date.now() } })],
    ["move themselves to the other team", (doc, t) => writeSession(doc, { assignments: { ...readSession(doc).assignments, [t.alice.memberId]: TEAM_PAK } })],
    ["delete the session's teams key", (doc) => sessionRoot(doc).delete("teams")],
  ];

  it.each(sessionWrites)("cannot %s with a hand-made update to the session root", async (_name, change) => {
    const t = await h.table();
    const { id } = await posted(t.alice);
    expect(await t.facilitator.command({ type: "set-settings", patch: { locked: true } })).toMatchObject({ ok: true });
    await t.alice.sessionWhere((s) => s.settings.locked, "the lock");
    const before = { session: t.facilitator.session, rows: await h.storedRows(t.boardId) };

    const { ack } = await t.alice.update((doc) => change(doc, t, id));
    expect(ack).toMatchObject({ ok: false, code: "update-rejected", message: expect.stringContaining("session") });

    expect(await h.storedRows(t.boardId)).toEqual(before.rows);
    expect(readSession(await h.served(t))).toEqual(before.session);
    expect(t.alice.raw.socket.connected).toBe(true);
  });

  it("cannot post an argument in another member's name", async () => {
    const t = await h.table();
    const rows = await h.storedRows(t.boardId);
    for (const impostor of [t.bob, t.facilitator]) {
      const { ack } = await post(t.alice, { authorId: impostor.memberId, authorName: impostor.seat.displayName });
      expect(ack).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readBoard(await h.served(t)).arguments).toEqual([]);
  });

  it("cannot edit or delete another participant's argument until the facilitator turns co-editing on", async () => {
    const t = await h.table();
    const bobs = await posted(t.bob, { text: "Bob's claim." });
    const other = await posted(t.bob, { text: "Bob's second claim." });
    await t.alice.sees(other.id);
    const rows = await h.storedRows(t.boardId);

    const edit = (id: string) => t.alice.update((doc) => updateArgument(doc, ARTICLE, id, { text: "Alice rewrote this." }));
    const remove = (id: string) => t.alice.update((doc) => deleteArgument(doc, id));
    expect((await edit(bobs.id)).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect((await remove(bobs.id)).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readArgument(await h.served(t), bobs.id)).toEqual(bobs);

    expect(await t.facilitator.command({ type: "set-settings", patch: { coEditing: true } })).toMatchObject({ ok: true });
    expect((await edit(bobs.id)).ack).toEqual({ ok: true });
    expect((await remove(other.id)).ack).toEqual({ ok: true });
    expect((await t.bob.sees(bobs.id))?.text).toBe("Alice rewrote this.");
    await t.bob.sees(other.id, false);
    expect(readArgument(t.bob.doc, bobs.id)?.authorId).toBe(t.bob.memberId);
  });

  it("edits and deletes their own arguments; the facilitator may change anyone's", async () => {
    const t = await h.table();
    const mine = await posted(t.alice, { text: "First draft of my claim." });
    const second = await posted(t.alice, { text: "A claim I will withdraw." });
    const edited = await t.alice.update((doc) => updateArgument(doc, ARTICLE, mine.id, { text: "Better version of my claim." }));
    expect(edited.ack).toEqual({ ok: true });
    expect((await t.alice.update((doc) => deleteArgument(doc, second.id))).ack).toEqual({ ok: true });
    expect((await t.bob.sees(mine.id))?.text).toBe("Better version of my claim.");
    await t.bob.sees(second.id, false);

    await waitFor(() => readArgument(t.facilitator.doc, mine.id)?.text === "Better version of my claim.", { message: "the facilitator to see the edit" });
    const moderated = await t.facilitator.update((doc) => updateArgument(doc, ARTICLE, mine.id, { text: "Edited by the facilitator." }));
    expect(moderated.ack).toEqual({ ok: true });
    expect((await t.alice.sees(mine.id))?.text).toBe("Edited by the facilitator.");
  });
});
