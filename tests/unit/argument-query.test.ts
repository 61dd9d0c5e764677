import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { buildBoardView, EMPTY_QUERY, queryFromParams, writeQueryParams, type ArgumentQuery, type QueryContext } from "@/lib/views/argument-query";

const positions: Position[] = [
  { id: "p1", key: "yes", label: "Yes", color: "indigo", order: 0 },
  { id: "p2", key: "no", label: "No", color: "rose", order: 1 },
];
const quote = { exact: "bus lanes", prefix: "", suffix: "", start: 0, end: 9 };

function arg(id: string, parentId: string, positionId: string, stance: "for" | "against", text: string, authorId: string, createdAt: number, quoted = false): Argument {
  return { id, positionId, parentId, stance, text, quotes: quoted ? [quote] : [], authorId, authorName: `Name ${authorId}`, createdAt, updatedAt: createdAt };
}

// a1 (for, p1) ← a2 (reply) ← a3 (reply); a4 (against, p1); a5 (for, p2) quoted
const args = [
  arg("a1", "p1", "p1", "for", "Buses are faster", "u1", 1),
  arg("a2", "a1", "p1", "against", "Only at rush hour", "u2", 2),
  arg("a3", "a2", "p1", "for", "Rush hour is most trips, Über alles", "u1", 3),
  arg("a4", "p1", "p1", "against", "Shops lose parking", "u3", 4),
  arg("a5", "p2", "p2", "for", "Cars need room", "u2", 5, true),
];
const ctx: QueryContext = {
  selfId: "u1",
  authorName: (a) => a.authorName,
  teamOfAuthor: (a) => (a.authorId === "u2" ? { id: "t-blue", name: "Blue team" } : null),
  tally: (id) => ({ a4: { votes: 3, strength: 2 }, a1: { votes: 1, strength: 5 } })[id],
};
const q = (patch: Partial<ArgumentQuery>): ArgumentQuery => ({ ...EMPTY_QUERY, ...patch });
const ids = (view: ReturnType<typeof buildBoardView>) => view.columns.flatMap((c) => c.lanes.flatMap((l) => l.rows.map((r) => r.argument.id)));

describe("buildBoardView", () => {
  it("lays every argument out by position and lane, replies after their parent, with reply counts", () => {
    const view = buildBoardView(positions, args, EMPTY_QUERY, ctx, new Set());
    const [yes, no] = view.columns;
    expect(yes!.lanes.map((l) => l.rows.map((r) => [r.argument.id, r.depth, r.replyCount]))).toEqual([
      [["a1", 0, 2], ["a2", 1, 1], ["a3", 2, 0]],
      [["a4", 0, 0]],
    ]);
    expect(yes!.total).toBe(4);
    expect(no!.lanes[0]!.rows.map((r) => r.argument.id)).toEqual(["a5"]);
    expect(view).toMatchObject({ matching: 5, total: 5 });
  });

  it("folds the replies of a collapsed argument and still counts them", () => {
    const view = buildBoardView(positions, args, EMPTY_QUERY, ctx, new Set(["a1"]));
    const row = view.columns[0]!.lanes[0]!.rows;
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ collapsed: true, replyCount: 2 });
    expect(view.matching).toBe(5);
  });

  it("searches text, author, team and quotes, ignoring case and accents, and keeps the thread above a match", () => {
    const uber = buildBoardView(positions, args, q({ text: "uber" }), ctx, new Set(["a1"]));
    expect(ids(uber)).toEqual(["a1", "a2", "a3"]);
    expect(uber.columns[0]!.lanes[0]!.rows.map((r) => r.match)).toEqual([false, false, true]);
    expect(uber.matching).toBe(1);
    expect(ids(buildBoardView(positions, args, q({ text: "name u3" }), ctx, new Set()))).toEqual(["a4"]);
    expect(ids(buildBoardView(positions, args, q({ text: "blue" }), ctx, new Set()))).toEqual(["a1", "a2", "a5"]);
    expect(ids(buildBoardView(positions, args, q({ text: "BUS LANES" }), ctx, new Set()))).toEqual(["a5"]);
    expect(ids(buildBoardView(positions, args, q({ text: "nothing like this" }), ctx, new Set()))).toEqual([]);
  });

  it("filters by position, stance, team, no quote and my arguments", () => {
    expect(ids(buildBoardView(positions, args, q({ positionKey: "no" }), ctx, new Set()))).toEqual(["a5"]);
    const against = buildBoardView(positions, args, q({ stance: "against" }), ctx, new Set());
    expect(ids(against)).toEqual(["a4"]);
    expect(against.matching).toBe(1);
    expect(ids(buildBoardView(positions, args, q({ teamId: "t-blue" }), ctx, new Set()))).toEqual(["a1", "a2", "a5"]);
    expect(ids(buildBoardView(positions, args, q({ noQuote: true, positionKey: "no" }), ctx, new Set()))).toEqual([]);
    expect(ids(buildBoardView(positions, args, q({ mine: true }), ctx, new Set()))).toEqual(["a1", "a2", "a3"]);
    expect(ids(buildBoardView(positions, args, q({ mine: true }), { ...ctx, selfId: null }, new Set()))).toEqual([]);
  });

  it("sorts siblings newest first, by votes or by strength (unrated last)", () => {
    const two = [...args, arg("a6", "p1", "p1", "against", "Later", "u1", 6)];
    const lane = (sort: ArgumentQuery["sort"]) => buildBoardView(positions, two, q({ sort }), ctx, new Set()).columns[0]!.lanes[1]!.rows.map((r) => r.argument.id);
    expect(lane("oldest")).toEqual(["a4", "a6"]);
    expect(lane("newest")).toEqual(["a6", "a4"]);
    expect(lane("votes")).toEqual(["a4", "a6"]);
    expect(lane("strength")).toEqual(["a4", "a6"]);
  });
});

describe("query in the URL", () => {
  it("round-trips every field and leaves other parameters alone", () => {
    const query = q({ text: "bus", positionKey: "yes", stance: "for", teamId: "t-blue", noQuote: true, mine: true, sort: "votes" });
    const params = new URLSearchParams("invite=secret");
    writeQueryParams(params, query);
    expect(queryFromParams(new URLSearchParams(params.toString()))).toEqual(query);
    expect(params.get("invite")).toBe("secret");
    writeQueryParams(params, EMPTY_QUERY);
    expect(params.toString()).toBe("invite=secret");
  });

  it("drops a malformed field and keeps the rest", () => {
    expect(queryFromParams(new URLSearchParams("q=bus&sort=loudest&stance=maybe"))).toEqual(q({ text: "bus" }));
    expect(queryFromParams(new URLSearchParams(`q=${"x".repeat(500)}`)).text).toHaveLength(200);
  });
});
