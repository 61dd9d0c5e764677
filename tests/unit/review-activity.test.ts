import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readBoard } from "@/lib/board/doc";
import { addArgument, deleteArgument, updateArgument } from "@/lib/board/operations";
import { boardAt, buildActivity, type ActivityEvent } from "@/lib/review/activity";
import { describeActivity, describeContext } from "@/lib/review/describe";
import { excerpt } from "@/lib/review/diff";
import { decodeHistory, encodeHistory, type HistoryUpdate } from "@/lib/review/history";
import { replayHistory, stateAtStep, stepAt } from "@/lib/review/replay";
import { ALICE, ARTICLE, PAK_MILITARY, pick, replicaOf, seededRandom, US } from "./support/board-fixture";
import { AMIRA, BEN, FACILITATOR, MEMBERS, minute, QUOTE_AID, QUOTE_FUNDING, QUOTE_INTERESTS, SessionRecorder, T0 } from "./support/review-history";

/** Events without the bulky fields, for readable expectations. */
const brief = (events: ActivityEvent[]) =>
  events.map((e) => ({ kind: e.kind, memberId: e.memberId, argumentId: e.argumentId, at: e.at, ...("quote" in e && e.quote ? { quote: e.quote } : {}) }));

/** The board after the first `count` updates, read the ordinary way: the reference for every replay. */
function prefixBoard(updates: HistoryUpdate[], count: number) {
  const doc = new Y.Doc();
  for (const update of updates.slice(0, count)) Y.applyUpdate(doc, update.data);
  const state = readBoard(doc);
  doc.destroy();
  return state;
}

describe("activity from the update log", () => {
  it("reports an added argument and one citation per quote, attributed to the update's sender and time", () => {
    const session = new SessionRecorder();
    const arg = session.add(AMIRA, minute(5), { text: "Tying aid to action works.", quotes: [QUOTE_AID, QUOTE_FUNDING] });
    expect(brief(buildActivity(session.updates, []))).toEqual([
      { kind: "added", memberId: AMIRA.id, argumentId: arg.id, at: minute(5) },
      { kind: "cited", memberId: AMIRA.id, argumentId: arg.id, at: minute(5), quote: excerpt(QUOTE_AID) },
      { kind: "cited", memberId: AMIRA.id, argumentId: arg.id, at: minute(5), quote: excerpt(QUOTE_FUNDING) },
    ]);
  });

  it("reports text and stance edits, quotes gained and lost, and nothing for a save that changed nothing", () => {
    const session = new SessionRecorder();
    const arg = session.add(AMIRA, minute(1), { text: "Aid is leverage.", quotes: [QUOTE_AID] });
    session.edit(AMIRA.id, minute(2), arg.id, { text: "Aid is leverage, and the cut proves it." });
    session.edit(FACILITATOR.id, minute(3), arg.id, { stance: "against" });
    session.edit(AMIRA.id, minute(4), arg.id, { quotes: [QUOTE_FUNDING] });
    session.edit(AMIRA.id, minute(5), arg.id, {}); // only updatedAt moves
    const events = buildActivity(session.updates, []).slice(2);
    expect(events.map((e) => [e.kind, e.memberId, e.at, "changes" in e ? e.changes : undefined])).toEqual([
      ["edited", AMIRA.id, minute(2), ["text"]],
      ["edited", FACILITATOR.id, minute(3), ["stance"]],
      ["cited", AMIRA.id, minute(4), undefined],
      ["uncited", AMIRA.id, minute(4), undefined],
    ]);
    expect(events[0].summary).toBe(excerpt("Aid is leverage, and the cut proves it."));
  });

  it("reports a deleted thread once, counting the replies that went with it", () => {
    const session = new SessionRecorder();
    const top = session.add(AMIRA, minute(1), { text: "Aid is leverage." });
    const reply = session.add(BEN, minute(2), { parentId: top.id, stance: "against", text: "It never worked before." });
    session.add(AMIRA, minute(3), { parentId: reply.id, stance: "against", text: "It worked in 2011." });
    session.remove(FACILITATOR.id, minute(4), top.id);
    const deleted = buildActivity(session.updates, []).filter((e) => e.kind === "deleted");
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ argumentId: top.id, memberId: FACILITATOR.id, replies: 2, summary: "Aid is leverage." });
  });

  it("merges votes by time, after a board event at the same moment, naming even deleted arguments", () => {
    const session = new SessionRecorder();
    const arg = session.add(AMIRA, minute(1), { text: "Aid is leverage." });
    session.vote(BEN.id, minute(1), arg.id, 4, 2);
    session.remove(AMIRA.id, minute(3), arg.id);
    session.vote(FACILITATOR.id, minute(2), arg.id, null, 5);
    const events = buildActivity(session.updates, session.votes);
    expect(events.map((e) => [e.kind, e.memberId])).toEqual([
      ["added", AMIRA.id],
      ["voted", BEN.id],
      ["voted", FACILITATOR.id],
      ["deleted", AMIRA.id],
    ]);
    expect(events[1]).toMatchObject({ kind: "voted", argumentId: arg.id, strength: 4, quoteSupport: 2, summary: "Aid is leverage." });
  });
});

describe("the board at a moment", () => {
  it("rebuilds the board at several times, the same way from scratch and from the replay", () => {
    const session = new SessionRecorder();
    const a = session.add(AMIRA, minute(1), { text: "Aid is leverage.", quotes: [QUOTE_AID] });
    const b = session.add(BEN, minute(2), { parentId: PAK_MILITARY, stance: "against", text: "Sovereignty first.", quotes: [QUOTE_INTERESTS] });
    session.edit(AMIRA.id, minute(3), a.id, { text: "Aid is real leverage." });
    session.remove(BEN.id, minute(4), b.id);
    const replay = replayHistory(session.updates);
    const texts = (t: number) => boardAt(session.updates, t).arguments.map((x) => x.text);

    expect(boardAt(session.updates, T0 - 1).positions).toEqual([]);
    expect(boardAt(session.updates, T0).positions.map((p) => p.id)).toEqual([US, PAK_MILITARY]);
    expect(texts(T0)).toEqual([]);
    expect(texts(minute(1))).toEqual(["Aid is leverage."]);
    expect(texts(minute(2.5))).toEqual(["Aid is leverage.", "Sovereignty first."]);
    expect(texts(minute(3))).toEqual(["Aid is real leverage.", "Sovereignty first."]);
    expect(texts(minute(60))).toEqual(["Aid is real leverage."]);
    for (const t of [T0 - 1, T0, minute(1), minute(1.5), minute(2), minute(3), minute(4), minute(60)]) {
      expect(stateAtStep(replay, stepAt(replay, t))).toEqual(boardAt(session.updates, t));
    }
  });

  it("agrees with readBoard after every update of a seeded random session, concurrent orphans included", () => {
    let orphans = 0;
    for (const seed of [1, 7, 2024]) {
      const random = seededRandom(seed);
      const session = new SessionRecorder();
      const authors = [AMIRA, BEN, FACILITATOR];
      for (let i = 0; i < 60; i++) {
        const live = readBoard(session.doc).arguments;
        const author = pick(random, authors);
        const roll = random();
        if (live.length === 0 || roll < 0.45) {
          const parentId = live.length > 0 && random() < 0.6 ? pick(random, live).id : pick(random, [US, PAK_MILITARY]);
          const quotes = random() < 0.5 ? [pick(random, [QUOTE_AID, QUOTE_FUNDING, QUOTE_INTERESTS])] : [];
          session.add(author, minute(i), { parentId, stance: random() < 0.5 ? "for" : "against", text: `Point ${i} from seed ${seed}.`, quotes });
        } else if (roll < 0.75) {
          const quotes = random() < 0.3 ? [QUOTE_FUNDING] : undefined;
          session.edit(author.id, minute(i), pick(random, live).id, { text: `Edited at ${i}.`, stance: random() < 0.3 ? "against" : undefined, quotes });
        } else if (roll < 0.9) {
          session.remove(author.id, minute(i), pick(random, live).id);
        } else {
          // A reply written on a stale replica while its parent is deleted here: an orphan readArguments hides.
          const parent = pick(random, live);
          const stale = replicaOf(session.doc);
          const captured: Uint8Array[] = [];
          stale.on("update", (u: Uint8Array) => captured.push(u));
          addArgument(stale, ARTICLE, { parentId: parent.id, stance: "against", text: `Late reply ${i}.`, quotes: [], author: ALICE }, { now: minute(i) });
          session.record(author.id, minute(i), (doc) => deleteArgument(doc, parent.id));
          session.record(ALICE.id, minute(i), (doc) => captured.forEach((u) => Y.applyUpdate(doc, u)));
          orphans++;
        }
      }
      const replay = replayHistory(session.updates);
      for (let step = 0; step < session.updates.length; step++) {
        expect(stateAtStep(replay, step), `seed ${seed}, step ${step}`).toEqual(prefixBoard(session.updates, step + 1));
      }
    }
    expect(orphans).toBeGreaterThan(0);
  });

  it("handles one update that edits an argument and adds a thread whose reply carries an earlier clock", () => {
    const session = new SessionRecorder();
    const first = session.add(AMIRA, minute(1), { text: "Aid is leverage." });
    session.record(BEN.id, minute(2), (doc) => {
      updateArgument(doc, ARTICLE, first.id, { text: "Aid is still leverage." }, minute(2));
      const parent = addArgument(doc, ARTICLE, { parentId: first.id, stance: "against", text: "No.", quotes: [], author: BEN }, { now: minute(2) });
      if (!parent.ok) throw new Error(parent.error.message);
      addArgument(doc, ARTICLE, { parentId: parent.value.id, stance: "for", text: "Indeed.", quotes: [], author: BEN }, { now: minute(1.5) });
    });
    const replay = replayHistory(session.updates);
    expect(stateAtStep(replay, 2)).toEqual(prefixBoard(session.updates, 3));
    expect(replay.activity.slice(1).map((e) => e.kind).sort()).toEqual(["added", "added", "edited"]);
  });

  it("keeps the timeline monotone when the server clock stepped back", () => {
    const session = new SessionRecorder();
    session.add(AMIRA, minute(5), { text: "First." });
    session.add(BEN, minute(4), { text: "Second, stamped earlier." });
    const replay = replayHistory(session.updates);
    expect(replay.steps.map((s) => s.at)).toEqual([T0, minute(5), minute(5)]);
    expect(stateAtStep(replay, stepAt(replay, minute(5))).arguments).toHaveLength(2);
  });
});

describe("history wire format", () => {
  it("round-trips through JSON with base64 updates and ISO times", () => {
    const session = new SessionRecorder();
    session.add(AMIRA, minute(1), { text: "Aid is leverage.", quotes: [QUOTE_AID] });
    session.vote(BEN.id, minute(2), "arg-x", 3, null);
    const history = { members: MEMBERS, updates: session.updates, votes: session.votes };
    const decoded = decodeHistory(JSON.parse(JSON.stringify(encodeHistory(history))));
    expect(decoded.members).toEqual(MEMBERS);
    expect(decoded.votes).toEqual(session.votes);
    expect(decoded.updates.map((u) => ({ ...u, data: [...u.data] }))).toEqual(session.updates.map((u) => ({ ...u, data: [...u.data] })));
  });

  it("refuses a body that is not a history", () => {
    expect(() => decodeHistory({ code: "forbidden", message: "no" })).toThrow(/could not be read/);
    expect(() => decodeHistory({ members: [], votes: [], updates: [{ seq: 1, at: "yesterday", memberId: null, data: "" }] })).toThrow();
  });
});

describe("excerpt", () => {
  it("keeps short text and cuts long text at a word with an ellipsis", () => {
    expect(excerpt("  Tying aid\nto action.  ")).toBe("Tying aid to action.");
    expect(excerpt("Tying aid to counter-terror cooperation is the only lever left")).toBe("Tying aid to counter-terror…");
    expect(excerpt("x".repeat(60))).toBe(`${"x".repeat(39)}…`);
  });
});

describe("feed sentences", () => {
  it("says who did what where, by member name, for top-level arguments, replies, quotes, deletions and ratings", () => {
    const session = new SessionRecorder();
    const top = session.add(AMIRA, minute(1), { text: "Tying aid to counter-terror cooperation works.", quotes: [QUOTE_AID] });
    const reply = session.add(BEN, minute(2), { parentId: top.id, stance: "against", text: "It never has." });
    session.edit(FACILITATOR.id, minute(3), reply.id, { stance: "for" });
    session.remove(AMIRA.id, minute(4), top.id);
    session.vote(BEN.id, minute(5), top.id, 4, 2);
    session.vote(BEN.id, minute(6), top.id, null, null);
    session.record(null, minute(7), (doc) =>
      addArgument(doc, ARTICLE, { parentId: PAK_MILITARY, stance: "against", text: "A guest's point.", quotes: [], author: { id: "guest-1", name: "Zed" } }),
    );
    const replay = replayHistory(session.updates);
    const ctx = describeContext(MEMBERS, stateAtStep(replay, 0).positions, replay.latest);
    expect(buildActivity(session.updates, session.votes).map((e) => describeActivity(e, ctx))).toEqual([
      "Amira added 'Tying aid to counter-terror…' (for The US position)",
      `Amira cited “${excerpt(QUOTE_AID)}” in 'Tying aid to counter-terror…'`,
      "Ben added 'It never has.' (rebutting 'Tying aid to counter-terror…')",
      "Ms Okafor edited 'It never has.' (now supporting)",
      "Amira deleted 'Tying aid to counter-terror…' and its reply",
      "Ben rated 'Tying aid to counter-terror…' (strength 4/5, quote support 2/5)",
      "Ben cleared their rating of 'Tying aid to counter-terror…'",
      "Zed (guest) added 'A guest's point.' (against The Pakistani military position)",
    ]);
  });
});
