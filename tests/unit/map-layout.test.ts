import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { buildMapGraph, MAP_NODE } from "@/lib/map/graph";
import { layoutMap } from "@/lib/map/layout";

const positions: Position[] = [
  { id: "pos-us", key: "us", label: "US position", color: "indigo", order: 0 },
  { id: "pos-pk", key: "pk", label: "Pakistani military position", color: "emerald", order: 1 },
];
const arg = (id: string, parentId: string, positionId: string, stance: "for" | "against", createdAt: number): Argument => ({
  id, positionId, parentId, stance, text: `Argument ${id} about aid and the Haqqani network`, quotes: [],
  authorId: "m1", authorName: "Ayesha", createdAt, updatedAt: createdAt,
});
const args = [
  arg("a1", "pos-us", "pos-us", "for", 1),
  arg("a2", "a1", "pos-us", "against", 2),
  arg("a3", "a2", "pos-us", "for", 3),
  arg("b1", "pos-pk", "pos-pk", "against", 4),
];

describe("map graph", () => {
  it("has a node per position and argument and an edge per answer, coloured by stance", () => {
    const graph = buildMapGraph(positions, args);
    expect(graph.nodes.map((n) => n.id)).toEqual(["pos-us", "a1", "a2", "a3", "pos-pk", "b1"]);
    expect(graph.edges).toContainEqual({ id: "e:a2", source: "a1", target: "a2", relation: "attack" });
    expect(graph.edges).toContainEqual({ id: "e:a1", source: "pos-us", target: "a1", relation: "support" });
    expect(graph.nodes.every((n) => n.width >= MAP_NODE.width && n.height > 0)).toBe(true);
  });

  it("folds a collapsed subtree into a count on its root", () => {
    const graph = buildMapGraph(positions, args, { collapsed: new Set(["a1"]) });
    expect(graph.nodes.map((n) => n.id)).toEqual(["pos-us", "a1", "pos-pk", "b1"]);
    expect(graph.nodes.find((n) => n.id === "a1")?.hiddenCount).toBe(2);
  });
});

describe("map layout", () => {
  it("places every answer below what it answers, with a routed edge, the same way twice", async () => {
    const graph = buildMapGraph(positions, args);
    const first = await layoutMap(graph, new ELK());
    const second = await layoutMap(graph, new ELK());
    expect(second).toEqual(first);
    const at = new Map(first.nodes.map((n) => [n.id, n]));
    for (const edge of first.edges) {
      expect(at.get(edge.target)!.y).toBeGreaterThan(at.get(edge.source)!.y);
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
    }
    expect(first.width).toBeGreaterThan(0);
    expect(first.height).toBeGreaterThan(at.get("a3")!.y);
  });
});
