/**
 * "Every argument must cite the article" on a real server: a quoteless argument is refused and leaves
 * nothing stored; it can be kept instead as a personal draft that reaches nobody but its author, over
 * the socket or any HTTP read, within the limits; and a quoted argument posts as usual.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { readArgument } from "@/lib/board/doc";
import type { PersonalDraftsView } from "@/lib/protocol/protocol";
import type { DraftsView } from "@/components/sync/board-client";
import { MUST_CITE_MESSAGE } from "@/lib/board/must-cite";
import { MAX_PERSONAL_DRAFTS_PER_MEMBER } from "@/server/sync/personal-drafts";
import * as exportRoute from "@/app/api/boards/[id]/export/route";
import * as historyRoute from "@/app/api/boards/[id]/history/route";
import * as csvRoute from "@/app/api/boards/[id]/contributions.csv/route";
import * as boardRoute from "@/app/api/boards/[id]/route";
import { addTestArgument, quote, SAMPLE_QUOTE } from "./support/board";
import { queryDatabase } from "./support/database";
import { ownPosition, TEAM_US, useManagedBoards, type Table } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";

const h = useManagedBoards();
const SECRET = "Half-formed thought about the aid cut, not for anyone else's eyes";

/** A complete argument record by `member`, as the editor saves it, with `quotes` (none by default). */
function recordBy(member: MemberClient, text: string, quotes: string[] = []): Argument {
  const now = Date.now();
  const id = `arg-mine-${Math.random().toString(16).slice(2, 10)}`;
  const positionId = ownPosition(member);
  return { id, positionId, parentId: positionId, stance: "for", text, quotes: quotes.map(quote), authorId: member.memberId, authorName: member.seat.displayName, createdAt: now, updatedAt: now };
}

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<void> {
  expect(await client.command(command), command.type).toMatchObject({ ok: true });
}

const holds = (id: string) => (view: PersonalDraftsView) => view.drafts.some((d) => d.id === id);

describe("must cite: the server refuses a quoteless argument", () => {
  it("starts new facilitated boards with the setting on", async () => {
    const t = await h.table();
    expect(t.facilitator.session.settings.mustCite).toBe(true);
  });

  it("refuses a participant's and a facilitator's quoteless argument, storing nothing", async () => {
    const t = await h.table();
    const rowsBefore = await h.storedRows(t.boardId);
    for (const member of [t.alice, t.facilitator]) {
      const { ack, value } = await member.update((doc) =>
        addTestArgument(doc, { parentId: ownPosition(member), text: "No quote here.", quotes: [], author: { id: member.memberId, name: member.seat.displayName } }),
      );
      expect(ack).toMatchObject({ ok: false, code: "forbidden", message: MUST_CITE_MESSAGE });
      expect(readArgument(await h.served(t), value.id)).toBeNull();
    }
    expect(await h.storedRows(t.boardId)).toEqual(rowsBefore);
  });

  it("accepts the same argument with a quote, and replies only with one", async () => {
    const t = await h.table();
    const { ack, value } = await t.alice.update((doc) => addTestArgument(doc, { parentId: ownPosition(t.alice), author: { id: t.alice.memberId, name: "Alice" } }));
    expect(ack).toEqual({ ok: true });
    await t.bob.sees(value.id);
    const reply = await t.bob.update((doc) => addTestArgument(doc, { parentId: value.id, stance: "against", quotes: [], author: { id: t.bob.memberId, name: "Bob" } }));
    expect(reply.ack).toMatchObject({ ok: false, message: MUST_CITE_MESSAGE });
  });

  it("lets quoteless arguments through once the facilitator switches the setting off", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { mustCite: false } });
    await t.alice.sessionWhere((s) => s.settings.mustCite === false, "mustCite to be off");
    const { ack } = await t.alice.update((doc) => addTestArgument(doc, { parentId: ownPosition(t.alice), quotes: [], author: { id: t.alice.memberId, name: "Alice" } }));
    expect(ack).toEqual({ ok: true });
  });
});

describe("must cite: personal drafts", () => {
  /** Every private event `member` received, as text: nothing of a draft may appear in it. */
  const everything = (member: MemberClient) => JSON.stringify([member.eventsOf("drafts"), member.eventsOf("personal-drafts"), member.eventsOf("votes"), member.eventsOf("roster")]);

  async function httpReads(t: Table): Promise<string> {
    const token = t.facilitator.seat.memberToken;
    const req = (path: string) => new Request(`http://parley.test${path}`, { headers: { host: "parley.test", authorization: `Bearer ${token}` } });
    const params = { params: Promise.resolve({ id: t.boardId }) };
    const responses = await Promise.all([
      boardRoute.GET(req(`/api/boards/${t.boardId}`), params),
      exportRoute.GET(req(`/api/boards/${t.boardId}/export?format=json`), params),
      exportRoute.GET(req(`/api/boards/${t.boardId}/export?format=markdown`), params),
      historyRoute.GET(req(`/api/boards/${t.boardId}/history`), params),
      csvRoute.GET(req(`/api/boards/${t.boardId}/contributions.csv`), params),
    ]);
    for (const r of responses) expect(r.status).toBe(200);
    return (await Promise.all(responses.map((r) => r.text()))).join("\n");
  }

  it("keeps a quoteless draft for its author alone: not teammates, not the facilitator, not over HTTP", async () => {
    const t = await h.table();
    const carol = await t.join("participant", "Carol", TEAM_US); // Alice's teammate
    const draft = recordBy(t.alice, SECRET);
    const mark = t.alice.mark();
    await ok(t.alice, { type: "save-personal-draft", argument: draft });
    const view = await t.alice.eventAfter<PersonalDraftsView>("personal-drafts", mark, holds(draft.id));
    expect(view.drafts.find((d) => d.id === draft.id)?.argument).toEqual(draft);

    // Stored as a personal draft with no team: the shape the evidence report counts.
    const [row] = await queryDatabase<{ team_id: string | null; personal: boolean; member_id: string }>(h.db.url, "SELECT team_id, personal, member_id FROM drafts WHERE id = $1", [draft.id]);
    expect(row).toEqual({ team_id: null, personal: true, member_id: t.alice.memberId });

    // Everyone else is re-sent the drafts on a later change; none of it carries the text.
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });
    const teamDraft = { ...recordBy(carol, "Carol's team draft", [SAMPLE_QUOTE]) };
    const facilitatorMark = t.facilitator.mark();
    await ok(carol, { type: "save-draft", argument: teamDraft });
    const facilitatorView = await t.facilitator.eventAfter<DraftsView>("drafts", facilitatorMark, (v) => v.drafts.some((d) => d.id === teamDraft.id));
    expect(facilitatorView.drafts.map((d) => d.id)).toEqual([teamDraft.id]);
    for (const other of [t.facilitator, carol, t.bob, t.observer]) expect(everything(other)).not.toContain(SECRET);
    expect(await httpReads(t)).not.toContain(SECRET);
    expect(JSON.stringify(await h.served(t).then((doc) => doc.toJSON()))).not.toContain(SECRET);
  });

  it("lets nobody else overwrite or delete it, and the reveal leaves it alone", async () => {
    const t = await h.table();
    const draft = recordBy(t.alice, SECRET);
    await ok(t.alice, { type: "save-personal-draft", argument: draft });
    expect(await t.bob.command({ type: "save-personal-draft", argument: { ...draft, authorId: t.bob.memberId, authorName: "Bob" } })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.facilitator.command({ type: "delete-draft", id: draft.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.facilitator.command({ type: "save-draft", argument: draft })).toMatchObject({ ok: false });
    await ok(t.facilitator, { type: "reveal-drafts" });
    const rows = await queryDatabase<{ record: Argument }>(h.db.url, "SELECT record FROM drafts WHERE id = $1", [draft.id]);
    expect(rows.map((r) => r.record.text)).toEqual([SECRET]);
    expect(readArgument(await h.served(t), draft.id)).toBeNull();
  });

  it("edits, then posts once a quote is added, and deletes on the author's word", async () => {
    const t = await h.table();
    const draft = recordBy(t.alice, SECRET);
    await ok(t.alice, { type: "save-personal-draft", argument: draft });
    const edited = { ...draft, text: "The aid cut leaves Pakistan room to look elsewhere.", quotes: [quote(SAMPLE_QUOTE)], updatedAt: draft.updatedAt + 1 };
    await ok(t.alice, { type: "save-personal-draft", argument: edited });
    const { ack, value } = await t.alice.update((doc) => addTestArgument(doc, { parentId: ownPosition(t.alice), text: edited.text, author: { id: t.alice.memberId, name: "Alice" } }));
    expect(ack).toEqual({ ok: true });
    const mark = t.alice.mark();
    await ok(t.alice, { type: "delete-draft", id: draft.id });
    expect(await t.alice.eventAfter<PersonalDraftsView>("personal-drafts", mark, (v) => !holds(draft.id)(v))).toEqual({ drafts: [] });
    await t.bob.sees(value.id);
  });

  it("refuses guests' signatures, other ids, oversized text and drafts past the per-member limit", async () => {
    const t = await h.table();
    expect(await t.alice.command({ type: "save-personal-draft", argument: { ...recordBy(t.alice, "x"), authorId: t.bob.memberId } })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.alice.command({ type: "save-personal-draft", argument: { ...recordBy(t.alice, "x"), authorName: "Someone" } })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.alice.command({ type: "save-personal-draft", argument: recordBy(t.alice, "x".repeat(5_000)) })).toMatchObject({ ok: false });
    expect(await t.observer.command({ type: "save-personal-draft", argument: recordBy(t.observer, "x") })).toMatchObject({ ok: false, code: "forbidden" });
    for (let i = 0; i < MAX_PERSONAL_DRAFTS_PER_MEMBER; i++) await ok(t.alice, { type: "save-personal-draft", argument: recordBy(t.alice, `Draft ${i}`) });
    const over = await t.alice.command({ type: "save-personal-draft", argument: recordBy(t.alice, "One too many") });
    expect(over).toMatchObject({ ok: false, code: "invalid-content" });
    if (!over.ok) expect(over.message).toContain(`${MAX_PERSONAL_DRAFTS_PER_MEMBER} personal drafts`);
  });

  it("refuses new personal drafts once the setting is off", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { mustCite: false } });
    expect(await t.alice.command({ type: "save-personal-draft", argument: recordBy(t.alice, SECRET) })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("turns a quoteless team draft into its author's personal draft at the reveal", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });
    const quoteless = recordBy(t.alice, "Team draft without a quote");
    const quoted = recordBy(t.alice, "Team draft with a quote", [SAMPLE_QUOTE]);
    await ok(t.alice, { type: "save-draft", argument: quoteless });
    await ok(t.alice, { type: "save-draft", argument: quoted });
    const mark = t.alice.mark();
    await ok(t.facilitator, { type: "reveal-drafts" });
    await t.bob.sees(quoted.id);
    expect(readArgument(t.bob.doc, quoteless.id)).toBeNull();
    await t.alice.eventAfter<PersonalDraftsView>("personal-drafts", mark, holds(quoteless.id));
  });
});
