import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { buildMapGraph } from "@/lib/map/graph";
import { childCounts, mapNeighbour, revealInMap, viewportKeepingNode } from "@/lib/map/navigation";

const positions: Position[] = [
  { id: "pos-a", key: "a", label: "First position", color: "indigo", order: 0 },
  { id: "pos-b", key: "b", label: "Second position", color: "emerald", order: 1 },
];
const arg = (id: string, parentId: string, positionId: string, stance: "for" | "against"): Argument => ({
  id, positionId, parentId, stance, text: `Argument ${id}`, quotes: [], authorId: "m1", authorName: "Ayesha", createdAt: 1, updatedAt: 1,
});
const args = [arg("a1", "pos-a", "pos-a", "for"), arg("a2", "pos-a", "pos-a", "against"), arg("a1r", "a1", "pos-a", "against"), arg("b1", "pos-b", "pos-b", "for")];

describe("map keyboard navigation", () => {
  const graph = buildMapGraph(positions, args);

  it("goes up to what a node answers and down to its first answer", () => {
    expect(mapNeighbour(graph, "a1r", "parent")).toBe("a1");
    expect(mapNeighbour(graph, "a1", "parent")).toBe("pos-a");
    expect(mapNeighbour(graph, "pos-a", "parent")).toBeNull();
    expect(mapNeighbour(graph, "pos-a", "firstChild")).toBe("a1");
    expect(mapNeighbour(graph, "a1", "firstChild")).toBe("a1r");
    expect(mapNeighbour(graph, "a2", "firstChild")).toBeNull();
  });

  it("moves among answers to the same thing, and among the positions", () => {
    expect(mapNeighbour(graph, "a1", "nextSibling")).toBe("a2");
    expect(mapNeighbour(graph, "a2", "previousSibling")).toBe("a1");
    expect(mapNeighbour(graph, "a2", "nextSibling")).toBeNull();
    expect(mapNeighbour(graph, "pos-a", "nextSibling")).toBe("pos-b");
    expect(mapNeighbour(graph, "pos-b", "nextSibling")).toBeNull();
  });

  it("does not step into a collapsed subtree, and answers null for a node not shown", () => {
    const folded = buildMapGraph(positions, args, { collapsed: new Set(["a1"]) });
    expect(mapNeighbour(folded, "a1", "firstChild")).toBeNull();
    expect(mapNeighbour(folded, "a1r", "parent")).toBeNull();
    expect(mapNeighbour(graph, "missing", "parent")).toBeNull();
  });
});

describe("revealing a selected argument on the map", () => {
  it("opens every fold above it and leaves others alone", () => {
    const collapsed = new Set(["pos-a", "a1", "b1"]);
    expect([...revealInMap(collapsed, args, "a1r")]).toEqual(["b1"]);
  });

  it("returns the same set when nothing hides it, and survives a parent cycle", () => {
    const collapsed = new Set(["b1"]);
    expect(revealInMap(collapsed, args, "a1r")).toBe(collapsed);
    const looped = [{ id: "x", parentId: "y" }, { id: "y", parentId: "x" }];
    expect([...revealInMap(new Set(["x", "y"]), looped, "x")]).toEqual([]);
  });

  it("counts direct answers for the collapse buttons", () => {
    expect(childCounts(args)).toEqual(new Map([["pos-a", 2], ["a1", 1], ["pos-b", 1]]));
  });
});

describe("the board view in the URL", () => {
  it("reads map, falls back to the columns for anything else, and writes no parameter for the default", async () => {
    const { viewFromParams, writeViewParam } = await import("@/lib/map/view");
    expect(viewFromParams(new URLSearchParams("view=map"))).toBe("map");
    expect(viewFromParams(new URLSearchParams("view=graph"))).toBe("columns");
    expect(viewFromParams(new URLSearchParams(""))).toBe("columns");
    const params = new URLSearchParams("q=bus&view=map");
    writeViewParam(params, "columns");
    expect(params.toString()).toBe("q=bus");
    writeViewParam(params, "map");
    expect(params.toString()).toBe("q=bus&view=map");
  });
});

describe("keeping a folded node in place", () => {
  it("pans by the distance the layout moved the node, scaled by the zoom, so it stays put on screen", () => {
    const viewport = { x: 40, y: -10, zoom: 0.5 };
    const before = { x: 300, y: 120 };
    const after = { x: 180, y: 120 };
    const kept = viewportKeepingNode(viewport, before, after);
    expect(kept).toEqual({ x: 100, y: -10, zoom: 0.5 });
    const onScreen = (p: { x: number; y: number }, v: typeof viewport) => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });
    expect(onScreen(after, kept)).toEqual(onScreen(before, viewport));
  });

  it("leaves the viewport alone when the node did not move", () => {
    expect(viewportKeepingNode({ x: 5, y: 6, zoom: 2 }, { x: 1, y: 2 }, { x: 1, y: 2 })).toEqual({ x: 5, y: 6, zoom: 2 });
  });
});
