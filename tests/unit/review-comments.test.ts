import { describe, expect, it } from "vitest";
import { addComment, deleteComment, editComment } from "@/lib/board/comments";
import { readArgument } from "@/lib/board/doc";
import { addArgument } from "@/lib/board/operations";
import { ARTICLE, US } from "./support/board-fixture";
import { buildActivity } from "@/lib/review/activity";
import { describeActivity, describeContext } from "@/lib/review/describe";
import { replayHistory } from "@/lib/review/replay";
import { AMIRA, BEN, FACILITATOR, MEMBERS, minute, SessionRecorder } from "./support/review-history";

describe("comments in the review feed", () => {
  it("tells who commented, replied, edited and deleted a comment on which argument, in order", () => {
    const session = new SessionRecorder();
    const arg = session.add(AMIRA, minute(1), { text: "Aid is leverage." });
    const exists = (id: string) => readArgument(session.doc, id) !== null;
    session.record(BEN.id, minute(2), (doc) => addComment(doc, { argumentId: arg.id, replyTo: null, text: "Which conditions, though?", author: BEN }, exists, { id: "c1", now: minute(2) }));
    session.record(AMIRA.id, minute(3), (doc) => addComment(doc, { argumentId: arg.id, replyTo: "c1", text: "Benchmarks.", author: AMIRA }, exists, { id: "r1", now: minute(3) }));
    session.record(BEN.id, minute(4), (doc) => editComment(doc, "c1", "Which conditions, exactly?", minute(4)));
    session.record(BEN.id, minute(5), (doc) => editComment(doc, "c1", "Which conditions, exactly?", minute(5))); // nothing a reader sees
    session.record(FACILITATOR.id, minute(6), (doc) => deleteComment(doc, "r1"));

    const events = buildActivity(session.updates, []).slice(1);
    const ctx = describeContext(MEMBERS, [], replayHistory(session.updates).latest);
    expect(events.map((e) => [e.kind, e.at, describeActivity(e, ctx)])).toEqual([
      ["commented", minute(2), "Ben commented on 'Aid is leverage.': “Which conditions, though?”"],
      ["replied", minute(3), "Amira replied to a comment on 'Aid is leverage.': “Benchmarks.”"],
      ["comment-edited", minute(4), "Ben edited a comment on 'Aid is leverage.'"],
      ["comment-deleted", minute(6), "Ms Okafor deleted a comment on 'Aid is leverage.'"],
    ]);
  });

  it("names the argument of a comment made in the same update, and ignores orphans", () => {
    const session = new SessionRecorder();
    const arg = session.record(AMIRA.id, minute(1), (doc) => {
      const result = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "Both at once.", quotes: [], author: AMIRA }, { now: minute(1) });
      if (!result.ok) throw new Error(result.error.message);
      const added = result.value;
      addComment(doc, { argumentId: added.id, replyTo: null, text: "First!", author: AMIRA }, () => true, { id: "c1", now: minute(1) });
      addComment(doc, { argumentId: "arg-never", replyTo: null, text: "Nowhere", author: AMIRA }, () => true, { id: "c2", now: minute(1) });
      return added;
    });
    expect(buildActivity(session.updates, []).map((e) => [e.kind, e.argumentId])).toEqual([
      ["added", arg.id],
      ["commented", arg.id],
    ]);
  });
});
