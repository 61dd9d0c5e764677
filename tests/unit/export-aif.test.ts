import { describe, expect, it } from "vitest";
import { fromAif } from "@/lib/export/aif-import";
import { AIF_SCHEMES, aifQuoteSource, aifTimestamp, toAif, type AifEdge, type AifGraph, type AifNode } from "@/lib/export/aif";
import { relationsOf, type ExportBoard } from "@/lib/export/board-export";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function parse(board: ExportBoard, locutions = false): AifGraph {
  return JSON.parse(toAif(board, { locutions })) as AifGraph;
}

/** Quoted passages the export should turn into I-nodes: distinct exact texts per argument. */
function distinctQuotes(board: ExportBoard): number {
  return board.arguments.reduce((sum, a) => sum + new Set(a.quotes.map((q) => q.exact)).size, 0);
}

const byType = (graph: AifGraph, type: string) => graph.nodes.filter((n) => n.type === type);
const outgoing = (graph: AifGraph, id: number) => graph.edges.filter((e) => e.fromID === id);
const incoming = (graph: AifGraph, id: number) => graph.edges.filter((e) => e.toID === id);

/** Asserts the invariants every AIF reader relies on; shared by the plain and dialogical graphs. */
function expectWellFormed(graph: AifGraph, allowed: string[]) {
  const ids = graph.nodes.map((n) => n.nodeID);
  expect(ids.every(Number.isInteger)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  const edgeIds = graph.edges.map((e) => e.edgeID);
  expect(edgeIds.every(Number.isInteger)).toBe(true);
  expect(new Set(edgeIds).size).toBe(edgeIds.length);
  const known = new Set(ids);
  for (const edge of graph.edges) {
    expect(known.has(edge.fromID), `edge ${edge.edgeID} from`).toBe(true);
    expect(known.has(edge.toID), `edge ${edge.edgeID} to`).toBe(true);
  }
  for (const node of graph.nodes) {
    expect(allowed).toContain(node.type);
    expect(node.timestamp).toMatch(TIMESTAMP);
  }
  for (const node of [...byType(graph, "RA"), ...byType(graph, "CA"), ...byType(graph, "YA")]) {
    expect(outgoing(graph, node.nodeID), `${node.type} ${node.nodeID} out`).toHaveLength(1);
    expect(incoming(graph, node.nodeID).length, `${node.type} ${node.nodeID} in`).toBeGreaterThanOrEqual(1);
    const conclusion = graph.nodes.find((n) => n.nodeID === outgoing(graph, node.nodeID)[0].toID)!;
    expect(conclusion.type).toBe("I");
  }
}

describe.each([
  ["demo", demoExportBoard],
  ["hostile", hostileExportBoard],
])("AIF export of the %s board", (_name, make) => {
  const board = make();
  const graph = parse(board);
  const relations = relationsOf(board);

  it("is a well-formed AIF graph of I, RA and CA nodes only", () => {
    expectWellFormed(graph, ["I", "RA", "CA"]);
    expect(graph.locutions).toEqual([]);
  });

  it("has one I-node per position, argument and distinct quote, one RA per support and quote, one CA per attack", () => {
    expect(byType(graph, "I")).toHaveLength(board.positions.length + board.arguments.length + distinctQuotes(board));
    expect(byType(graph, "RA")).toHaveLength(relations.filter((r) => r.kind === "support").length + distinctQuotes(board));
    expect(byType(graph, "CA")).toHaveLength(relations.filter((r) => r.kind === "attack").length);
  });

  it("gives scheme nodes OVA's default scheme names and ids", () => {
    for (const type of ["RA", "CA"] as const) {
      for (const node of byType(graph, type)) {
        expect(node).toMatchObject({ text: AIF_SCHEMES[type].scheme, scheme: AIF_SCHEMES[type].scheme, schemeID: AIF_SCHEMES[type].schemeID });
      }
    }
  });

  it("links each argument to its parent through RA (for) or CA (against), and each quote to its argument through RA", () => {
    const iNode = (text: string) => graph.nodes.find((n) => n.type === "I" && n.text === text)!;
    const labels = new Map(board.positions.map((p) => [p.id, p.label]));
    const texts = new Map(board.arguments.map((a) => [a.id, a.text]));
    const via = (from: AifNode, to: AifNode) =>
      outgoing(graph, from.nodeID)
        .map((e) => graph.nodes.find((n) => n.nodeID === e.toID)!)
        .find((s) => outgoing(graph, s.nodeID).some((e) => e.toID === to.nodeID));
    for (const arg of board.arguments) {
      const self = iNode(arg.text);
      const parent = iNode(labels.get(arg.parentId) ?? texts.get(arg.parentId)!);
      expect(via(self, parent)?.type).toBe(arg.stance === "for" ? "RA" : "CA");
      for (const quote of arg.quotes) expect(via(iNode(quote.exact), self)?.type).toBe("RA");
    }
  });

  it("stamps arguments and their relations with the argument's creation time, positions with the board's", () => {
    const boardTime = aifTimestamp(board.board.createdAt);
    for (const position of board.positions) expect(graph.nodes.find((n) => n.text === position.label)?.timestamp).toBe(boardTime);
    for (const arg of board.arguments) {
      const self = graph.nodes.find((n) => n.type === "I" && n.text === arg.text)!;
      expect(self.timestamp).toBe(aifTimestamp(arg.createdAt));
      const scheme = graph.nodes.find((n) => n.nodeID === outgoing(graph, self.nodeID)[0]?.toID);
      expect(scheme?.timestamp).toBe(self.timestamp);
    }
  });

  it("keeps every text character for character through a JSON round trip", () => {
    const texts = new Set(graph.nodes.map((n) => n.text));
    for (const p of board.positions) expect(texts.has(p.label)).toBe(true);
    for (const a of board.arguments) {
      expect(texts.has(a.text)).toBe(true);
      for (const q of a.quotes) expect(texts.has(q.exact)).toBe(true);
    }
  });

  it("wraps for OVA3 with a layout entry for every node, no two on one spot", () => {
    const wrapped = JSON.parse(toAif(board, { ova: true })) as { AIF: AifGraph; OVA: { nodes: Array<{ nodeID: number; x: number; y: number }> } };
    expect(wrapped.OVA.nodes.map((n) => n.nodeID)).toEqual(wrapped.AIF.nodes.map((n) => n.nodeID));
    expect(new Set(wrapped.OVA.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(wrapped.OVA.nodes.length);
  });

  it("is deterministic", () => {
    expect(toAif(make())).toBe(toAif(board));
  });
});

describe("AIF export edge cases", () => {
  it("formats times as AIFdb does, in UTC", () => {
    expect(aifTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe("2026-01-02 03:04:05");
    expect(aifTimestamp("2026-11-27T09:00:00.000Z")).toBe("2026-11-27 09:00:00");
  });

  it("makes one I-node for a passage an argument quotes twice", () => {
    const board = hostileExportBoard();
    const arg = board.arguments[0];
    arg.quotes = [arg.quotes[0], { ...arg.quotes[0] }];
    const graph = parse(board);
    expect(graph.nodes.filter((n) => n.text === arg.quotes[0].exact)).toHaveLength(1);
    expect(byType(graph, "I")).toHaveLength(board.positions.length + board.arguments.length + distinctQuotes(board));
  });

  it("leaves no dangling edge when an argument's parent is missing from the export", () => {
    const board = hostileExportBoard();
    board.arguments = board.arguments.slice(1); // the first reply now points at nothing
    const graph = parse(board);
    expectWellFormed(graph, ["I", "RA", "CA"]);
    expect(byType(graph, "I")).toHaveLength(board.positions.length + board.arguments.length + distinctQuotes(board));
  });
});

describe("AIF export with locutions", () => {
  const board = hostileExportBoard();
  const graph = parse(board, true);

  it("adds an L-node asserted through a YA 'Asserting' node for each argument, and nothing else", () => {
    expectWellFormed(graph, ["I", "RA", "CA", "L", "YA"]);
    expect(byType(graph, "L")).toHaveLength(board.arguments.length);
    expect(byType(graph, "YA")).toHaveLength(board.arguments.length);
    expect(byType(graph, "I")).toHaveLength(board.positions.length + board.arguments.length + distinctQuotes(board));
    for (const ya of byType(graph, "YA")) {
      expect(ya).toMatchObject({ text: "Asserting", scheme: "Asserting", schemeID: "74" });
      expect(graph.nodes.find((n) => n.nodeID === incoming(graph, ya.nodeID)[0].fromID)?.type).toBe("L");
    }
  });

  it("writes L-node text as 'Speaker : utterance' and one locution per L-node in AIFdb's shape", () => {
    for (const arg of board.arguments) {
      const l = graph.nodes.find((n) => n.type === "L" && n.text === `${arg.authorName} : ${arg.text}`);
      expect(l, arg.id).toBeDefined();
      const locution = graph.locutions.find((loc) => loc.nodeID === l!.nodeID)!;
      expect(Object.keys(locution).sort()).toEqual(["end", "nodeID", "personID", "source", "start", "timestamp"]);
      expect(locution).toMatchObject({ timestamp: aifTimestamp(arg.createdAt), start: aifTimestamp(arg.createdAt), end: null, source: null });
      expect(Number.isInteger(locution.personID)).toBe(true);
    }
    // One person per account and display name (the fixture gives two names the same account id).
    const speakers = new Set(board.arguments.map((a) => `${a.authorId}/${a.authorName}`));
    expect(new Set(graph.locutions.map((loc) => loc.personID)).size).toBe(speakers.size);
  });
});

describe("AIF export wrapped for OVA3", () => {
  const board = hostileExportBoard();
  type Layout = { nodeID: number; visible: boolean; x: number; y: number; timestamp: string };
  type Wrapped = {
    AIF: AifGraph & { schemefulfillments: Array<{ nodeID: number; schemeID: string }>; participants: Array<{ participantID: number; firstname: string; surname: string }> };
    OVA: { firstname: string; surname: string; url: string; nodes: Layout[]; edges: Array<{ fromID: number; toID: number; visible: boolean }> };
    text: string;
  };
  const wrapped = JSON.parse(toAif(board, { ova: true, locutions: true })) as Wrapped;
  const at = (id: number) => wrapped.OVA.nodes.find((n) => n.nodeID === id)!;

  it("has the AIF, OVA and text parts, with the same graph as the plain export", () => {
    expect(Object.keys(wrapped).sort()).toEqual(["AIF", "OVA", "parley", "text"]);
    expect(wrapped.AIF.nodes).toEqual(parse(board, true).nodes);
    expect(wrapped.OVA).toMatchObject({ firstname: "Parley", url: "" });
    expect(wrapped.AIF.participants.map((p) => p.firstname).sort()).toEqual([...new Set(board.arguments.map((a) => a.authorName))].sort());
  });

  it("has a layout entry with integer coordinates for every node, and one for every edge", () => {
    expect(wrapped.OVA.nodes.map((n) => n.nodeID).sort((a, b) => a - b)).toEqual(wrapped.AIF.nodes.map((n) => n.nodeID).sort((a, b) => a - b));
    for (const n of wrapped.OVA.nodes) expect(Number.isInteger(n.x) && Number.isInteger(n.y) && n.visible).toBe(true);
    expect(new Set(wrapped.OVA.nodes.map((n) => `${n.x},${n.y}`)).size, "two nodes on one spot").toBe(wrapped.OVA.nodes.length);
    expect(wrapped.OVA.edges).toEqual(wrapped.AIF.edges.map((e: AifEdge) => ({ fromID: e.fromID, toID: e.toID, visible: true })));
  });

  it("lays the argument graph out top-down: conclusion above scheme node above premise", () => {
    const positions = wrapped.AIF.nodes.slice(0, board.positions.length);
    for (const p of positions) expect(at(p.nodeID).y).toBe(Math.min(...wrapped.OVA.nodes.map((n) => n.y)));
    for (const s of wrapped.AIF.nodes.filter((n) => n.type === "RA" || n.type === "CA")) {
      const premise = incoming(wrapped.AIF, s.nodeID)[0].fromID;
      const conclusion = outgoing(wrapped.AIF, s.nodeID)[0].toID;
      expect(at(conclusion).y).toBeLessThan(at(s.nodeID).y);
      expect(at(s.nodeID).y).toBeLessThan(at(premise).y);
      expect(at(s.nodeID).x).toBe(at(premise).x);
    }
  });

  it("records the scheme of every scheme node where OVA reads it", () => {
    const schemed = wrapped.AIF.nodes.filter((n) => n.schemeID);
    expect(wrapped.AIF.schemefulfillments).toEqual(schemed.map((n) => ({ nodeID: n.nodeID, schemeID: n.schemeID })));
  });

  it("carries the source as escaped HTML that decodes back to the text", () => {
    const markupFree = wrapped.text.replace(/<br>/g, "");
    expect(markupFree).not.toMatch(/[<>"']/);
    expect(markupFree).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    const decoded = wrapped.text
      .replace(/<br>/g, "\n")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
    expect(decoded).toBe(board.source.text);
  });
});

describe("AIF export names the source revision its quotes belong to", () => {
  const revised = () => ({ ...demoExportBoard(), sourceRevision: 3 });
  const sha256 = demoExportBoard().source.sha256;
  const expected = { sourceRevision: 3, sourceSha256: sha256, quotesFrom: `revision 3 (sha256 ${sha256.slice(0, 12)})` };

  it("under a top-level `parley` key beside the graph, plain and wrapped for OVA3", () => {
    expect(JSON.parse(toAif(revised())).parley).toEqual(expected);
    expect(JSON.parse(toAif(revised(), { ova: true, locutions: true })).parley).toEqual(expected);
  });

  it("says revision 1 for a board whose source was never revised", () => {
    expect(aifQuoteSource(demoExportBoard())).toMatchObject({ sourceRevision: 1, quotesFrom: `revision 1 (sha256 ${sha256.slice(0, 12)})` });
  });

  it("leaves the AIF graph itself untouched, so readers that skip unknown keys see the same nodes", () => {
    const plain = JSON.parse(toAif(revised())) as AifGraph & { parley: unknown };
    expect(Object.keys(plain)).toEqual(["nodes", "edges", "locutions", "parley"]);
    expect(plain.nodes).toEqual(parse(demoExportBoard()).nodes);
  });

  it("still imports: Parley's AIF reader ignores the extra key, in both shapes", () => {
    expect(fromAif(toAif(revised())).ok).toBe(true);
    expect(fromAif(toAif(revised(), { ova: true, locutions: true })).ok).toBe(true);
  });
});
