import { describe, expect, it } from "vitest";
import {
  boxInView,
  hitTestBoxes,
  OVERVIEW_ENTER_ZOOM,
  OVERVIEW_LEAVE_ZOOM,
  OVERVIEW_MIN_NODES,
  overviewAfter,
  overviewDash,
  screenToFlow,
  visibleFlowRect,
} from "@/lib/map/overview";

const big = OVERVIEW_MIN_NODES + 800;

describe("when the map switches to its canvas overview", () => {
  it("switches on below the entering zoom, only for a big map", () => {
    expect(overviewAfter(false, OVERVIEW_ENTER_ZOOM - 0.01, big)).toBe(true);
    expect(overviewAfter(false, OVERVIEW_ENTER_ZOOM, big)).toBe(false);
    expect(overviewAfter(false, 0.05, OVERVIEW_MIN_NODES - 1)).toBe(false);
  });

  it("stays on until the leaving zoom is passed, so a wheel turn near the threshold does not flicker", () => {
    const between = (OVERVIEW_ENTER_ZOOM + OVERVIEW_LEAVE_ZOOM) / 2;
    expect(overviewAfter(true, between, big)).toBe(true);
    expect(overviewAfter(false, between, big)).toBe(false);
    expect(overviewAfter(true, OVERVIEW_LEAVE_ZOOM, big)).toBe(false);
  });

  it("switches off when the map shrinks below the node count (a fold), and on a nonsense zoom", () => {
    expect(overviewAfter(true, 0.1, OVERVIEW_MIN_NODES - 1)).toBe(false);
    expect(overviewAfter(true, Number.NaN, big)).toBe(false);
  });
});

describe("picking a node on the overview", () => {
  const boxes = [
    { id: "a", x: 0, y: 0, width: 100, height: 40 },
    { id: "b", x: 110, y: 0, width: 100, height: 40 },
  ];

  it("converts a point on the map's screen to flow coordinates through the viewport", () => {
    expect(screenToFlow({ x: 60, y: 30 }, { x: 10, y: 10, zoom: 0.5 })).toEqual({ x: 100, y: 40 });
  });

  it("finds the box under the point, or none in a gap", () => {
    expect(hitTestBoxes(boxes, { x: 50, y: 20 })).toBe("a");
    expect(hitTestBoxes(boxes, { x: 150, y: 39 })).toBe("b");
    expect(hitTestBoxes(boxes, { x: 105, y: 20 })).toBeNull();
    expect(hitTestBoxes([], { x: 0, y: 0 })).toBeNull();
  });

  it("with slack, picks the nearest box for a near miss, and a direct hit always wins", () => {
    expect(hitTestBoxes(boxes, { x: 103, y: 20 }, 10)).toBe("a");
    expect(hitTestBoxes(boxes, { x: 108, y: 20 }, 10)).toBe("b");
    expect(hitTestBoxes(boxes, { x: 101, y: 20 }, 200)).toBe("a");
    expect(hitTestBoxes(boxes, { x: 112, y: 20 }, 200)).toBe("b");
  });
});

describe("drawing the overview", () => {
  it("culls boxes outside the visible flow rectangle", () => {
    const view = visibleFlowRect({ width: 200, height: 100 }, { x: -100, y: 0, zoom: 0.5 });
    expect(view).toEqual({ x: 200, y: 0, width: 400, height: 200 });
    expect(boxInView({ id: "in", x: 150, y: 10, width: 60, height: 20 }, view)).toBe(true);
    expect(boxInView({ id: "out", x: 0, y: 10, width: 60, height: 20 }, view)).toBe(false);
  });

  it("keeps an attack edge's dashes visible when zoomed far out", () => {
    expect(overviewDash([7, 5], 1)).toEqual([7, 5]);
    expect(overviewDash([7, 5], 0.1)).toEqual([30, 30]);
  });
});
