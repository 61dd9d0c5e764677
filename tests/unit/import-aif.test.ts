import { describe, expect, it } from "vitest";
import { toAif } from "@/lib/export/aif";
import { fromAif, stripHtml } from "@/lib/export/aif-import";
import type { ExportBoard } from "@/lib/export/board-export";
import type { ImportedBoard, ImportResult } from "@/lib/export/imported-board";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

function boardOf(result: ImportResult): ImportedBoard {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.board;
}
function errorsOf(result: ImportResult) {
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors.map((e) => e.message);
}

/** The board as a tree of texts: what must survive export → import whatever ids and times become. */
function shapeOf(positions: Array<{ id?: string; key: string; label: string }>, args: ImportedBoard["arguments"]) {
  const textOf = new Map<string, string>([...positions.map((p) => [p.id ?? `pos-${p.key}`, p.label] as const), ...args.map((a) => [a.id, a.text] as const)]);
  return {
    positions: positions.map((p) => p.label),
    arguments: args
      .map((a) => ({ text: a.text, stance: a.stance, parent: textOf.get(a.parentId), position: textOf.get(a.positionId), quotes: [...new Set(a.quotes.map((q) => q.exact))] }))
      .sort((x, y) => x.text.localeCompare(y.text)),
  };
}
const exportedShape = (board: ExportBoard) => shapeOf(board.positions, board.arguments);

describe("fromAif: Parley's own AIF export comes back with the same structure", () => {
  it.each([
    ["demo", demoExportBoard],
    ["hostile", hostileExportBoard],
  ])("%s board, OVA wrapper with locutions: positions, replies, stances, quotes and authors", (_name, make) => {
    const board = make();
    const imported = boardOf(fromAif(toAif(board, { ova: true, locutions: true })));
    expect(shapeOf(imported.positions, imported.arguments)).toEqual(exportedShape(board));
    expect(imported.source.text).toBe(board.source.text);
    expect(imported.arguments.map((a) => a.authorName).sort()).toEqual(board.arguments.map((a) => a.authorName).sort());
    for (const a of imported.arguments) for (const q of a.quotes) expect([...board.source.text].slice(q.start, q.end).join("")).toBe(q.exact);
  });

  it("plain AIF (no source text): quoted passages become supporting arguments, the source is the I-node texts", () => {
    const board = demoExportBoard();
    const imported = boardOf(fromAif(toAif(board)));
    expect(imported.positions.map((p) => p.label)).toEqual(board.positions.map((p) => p.label));
    const quotes = board.arguments.reduce((n, a) => n + new Set(a.quotes.map((q) => q.exact)).size, 0);
    expect(imported.arguments).toHaveLength(board.arguments.length + quotes);
    expect(imported.source.text).toContain(board.arguments[0].text);
    expect(imported.arguments.every((a) => a.authorName === "AIF import" && a.quotes.length === 0)).toBe(true);
  });
});

/** A small OVA3 analysis written by hand from the format: string ids, HTML text, one root. */
const OVA3 = {
  AIF: {
    nodes: [
      { nodeID: "1_a", text: "Cities should ban cars downtown", type: "I", timestamp: "2024-03-01 10:00:00" },
      { nodeID: "2_a", text: "Air quality improves", type: "I", timestamp: "2024-03-01 10:01:00" },
      { nodeID: "3_a", text: "Default Inference", type: "RA", scheme: "Default Inference", schemeID: "72" },
      { nodeID: "4_a", text: "Shops lose customers", type: "I" },
      { nodeID: "5_a", text: "Default Conflict", type: "CA" },
      { nodeID: "6_a", text: "Ann : Shops lose customers", type: "L" },
      { nodeID: "7_a", text: "Asserting", type: "YA" },
      { nodeID: "8_a", text: "asthma admissions fell by a third", type: "I" },
      { nodeID: "9_a", text: "Default Inference", type: "RA" },
    ],
    edges: [
      { edgeID: "e1", fromID: "2_a", toID: "3_a" },
      { edgeID: "e2", fromID: "3_a", toID: "1_a" },
      { edgeID: "e3", fromID: "4_a", toID: "5_a" },
      { edgeID: "e4", fromID: "5_a", toID: "1_a" },
      { edgeID: "e5", fromID: "6_a", toID: "7_a" },
      { edgeID: "e6", fromID: "7_a", toID: "4_a" },
      { edgeID: "e7", fromID: "8_a", toID: "9_a" },
      { edgeID: "e8", fromID: "9_a", toID: "2_a" },
    ],
    locutions: [{ nodeID: "6_a", personID: "p1" }],
    participants: [{ participantID: "p1", firstname: "Ann", surname: "Lee" }],
  },
  OVA: { firstname: "Ana", surname: "Lyst", url: "", nodes: [], edges: [] },
  text: { txt: "<p>In Oslo, <span class=\"highlighted\">asthma admissions fell by a third</span> &amp; traffic calmed.</p><br>Second&nbsp;paragraph." },
};

describe("fromAif: an OVA3 analysis", () => {
  const imported = boardOf(fromAif(JSON.stringify(OVA3), { now: 1_000 }));

  it("one root becomes the thesis and its negation", () => {
    expect(imported.positions.map((p) => p.label)).toEqual(["Cities should ban cars downtown", "Not: Cities should ban cars downtown"]);
    expect(imported.title).toBe("Cities should ban cars downtown");
  });

  it("RA is for, CA against; the speaker comes from participants; evidence in the text is a quote", () => {
    const [air, shops] = imported.arguments;
    expect(air).toMatchObject({ id: "aif-2_a", parentId: "pos-cities-should-ban-cars-downtown", stance: "for", authorName: "AIF import", createdAt: Date.UTC(2024, 2, 1, 10, 1) });
    expect(air.quotes.map((q) => q.exact)).toEqual(["asthma admissions fell by a third"]);
    expect(shops).toMatchObject({ stance: "against", authorName: "Ann Lee", authorId: "aif-person-p1", quotes: [] });
    expect(imported.arguments).toHaveLength(2);
  });

  it("the source is OVA's text without its HTML", () => {
    expect(imported.source.text).toBe("In Oslo, asthma admissions fell by a third & traffic calmed.\n\nSecond paragraph.");
    expect(stripHtml("a&lt;b&#62;c&#x41;&bogus;")).toBe("a<b>cA&bogus;");
  });
});

describe("fromAif: bad files are refused with every problem, naming node ids", () => {
  const graph = (nodes: object[], edges: object[]) => JSON.stringify({ nodes, edges });
  const I = (id: number, text = `claim ${id}`) => ({ nodeID: id, text, type: "I" });
  const S = (id: number, type = "RA") => ({ nodeID: id, text: type, type });
  const E = (fromID: number, toID: number) => ({ fromID, toID });

  it("not JSON, or not an AIF graph", () => {
    expect(errorsOf(fromAif("{nodes"))[0]).toMatch(/not JSON/);
    expect(errorsOf(fromAif(JSON.stringify({ nodes: [{ text: "x" }] })))).toEqual(expect.arrayContaining([expect.stringMatching(/^nodes\.0\.nodeID/), expect.stringMatching(/^edges/)]));
  });

  it("edges to unknown nodes and duplicate ids", () => {
    expect(errorsOf(fromAif(graph([I(1), I(1)], [E(1, 9)])))).toEqual(["Node 1: the id is used by two nodes.", "Edge 1 (1 → 9): no node has the id 9."]);
  });

  it("a cycle is refused with the node ids on it", () => {
    const errors = errorsOf(fromAif(graph([I(1), I(2), S(3), I(4), S(5), I(6), S(7)], [E(2, 3), E(3, 4), E(4, 5), E(5, 2), E(6, 7), E(7, 1)])));
    expect(errors).toEqual([expect.stringMatching(/Nodes 2 → 4 → 2 support or attack each other in a circle/)]);
  });

  it("an I-node answering two claims, and a scheme node with two conclusions", () => {
    expect(errorsOf(fromAif(graph([I(1), I(2), I(3), S(4), S(5)], [E(3, 4), E(4, 1), E(3, 5), E(5, 2)])))[0]).toMatch(/Node 3 answers both node 1 and node 2/);
    expect(errorsOf(fromAif(graph([I(1), I(2), I(3), S(4)], [E(3, 4), E(4, 1), E(4, 2)])))[0]).toMatch(/Node 4 \(RA\) has 2 conclusions/);
  });

  it("more than six roots, and an argument the model refuses (empty text)", () => {
    expect(errorsOf(fromAif(graph([1, 2, 3, 4, 5, 6, 7].map((n) => I(n)), [])))[0]).toMatch(/2 to 6 positions.*has 7: nodes 1, 2, 3, 4, 5, 6, 7/);
    expect(errorsOf(fromAif(graph([I(1), I(2), I(3, " "), S(4)], [E(3, 4), E(4, 1)])))).toEqual([expect.stringMatching(/^Node 3: arguments\.0\.text: An argument needs some text/)]);
  });

  it("a deep chain is read without recursion; 10,000 arguments are fine", () => {
    const n = 10_000;
    const nodes = [I(0), I(-1)];
    const edges = [];
    for (let i = 1; i <= n; i++) {
      nodes.push(I(i), S(n + i, i % 2 ? "RA" : "CA"));
      edges.push(E(i, n + i), E(n + i, i - 1));
    }
    const board = boardOf(fromAif(graph(nodes, edges)));
    expect(board.arguments).toHaveLength(n);
    expect(board.arguments[n - 1]).toMatchObject({ parentId: `aif-${n - 1}`, positionId: "pos-claim-0" });
  });
});
