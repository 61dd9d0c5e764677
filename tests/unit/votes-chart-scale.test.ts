import { describe, expect, it } from "vitest";
import { balanceSeries, formatAverage, formatSigned, formatTotal, linearScale, niceTicks, stepPath, timeTicks } from "@/components/votes/chart-scale";

describe("niceTicks", () => {
  it("covers the data with round steps and keeps zero on the axis", () => {
    expect(niceTicks(0, 7.3)).toEqual({ min: 0, max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    const t = niceTicks(2, 4);
    expect(t.min).toBe(0);
    expect(t.ticks[0]).toBe(0);
    expect(t.ticks.at(-1)).toBeGreaterThanOrEqual(4);
  });

  it("spans negative balances on both sides of zero", () => {
    const t = niceTicks(-3.2, 6.1);
    expect(t.min).toBeLessThanOrEqual(-3.2);
    expect(t.max).toBeGreaterThanOrEqual(6.1);
    expect(t.ticks).toContain(0);
    expect(t.ticks.every((v) => Math.abs(v / t.step - Math.round(v / t.step)) < 1e-9)).toBe(true);
  });

  it("widens an empty range instead of dividing by zero", () => {
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0).max).toBe(1);
  });

  it("prints fractional steps without floating-point noise", () => {
    const t = niceTicks(0, 0.3, 3);
    expect(t.ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe("linearScale", () => {
  it("maps the domain onto the range, inverted ranges too (SVG y grows downward)", () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
  });

  it("puts everything in the middle of the range for a zero-width domain", () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe("timeTicks", () => {
  it("picks round clock steps inside the range", () => {
    const start = Date.UTC(2025, 0, 1, 10, 3, 20);
    const end = Date.UTC(2025, 0, 1, 10, 26, 0);
    const ticks = timeTicks(start, end, 5);
    expect(ticks).toEqual([5, 10, 15, 20, 25].map((m) => Date.UTC(2025, 0, 1, 10, m)));
  });

  it("returns the start alone for a single instant", () => {
    expect(timeTicks(1000, 1000)).toEqual([1000]);
  });
});

describe("balanceSeries", () => {
  it("gives one series per position starting from zero, missing balances as zero", () => {
    const series = balanceSeries(
      [
        { at: 10, balances: { a: 3, b: -1 } },
        { at: 20, balances: { a: 1 } },
      ],
      ["a", "b"],
    );
    expect(series.get("a")).toEqual([
      { at: 10, value: 0 },
      { at: 10, value: 3 },
      { at: 20, value: 1 },
    ]);
    expect(series.get("b")?.map((p) => p.value)).toEqual([0, -1, 0]);
  });

  it("is empty before the first ballot", () => {
    expect(balanceSeries([], ["a"]).get("a")).toEqual([]);
  });
});

describe("stepPath", () => {
  it("holds each value until the next point", () => {
    expect(
      stepPath([
        { x: 0, y: 10 },
        { x: 5, y: 4 },
        { x: 9.04, y: 4 },
      ]),
    ).toBe("M0,10 H5 V4 H9 V4");
    expect(stepPath([])).toBe("");
  });
});

describe("formatting", () => {
  it("shows averages with one decimal and a dash for none", () => {
    expect(formatAverage(3.456)).toBe("3.5");
    expect(formatAverage(null)).toBe("—");
    expect(formatTotal(7)).toBe("7");
    expect(formatTotal(7.25)).toBe("7.3");
    expect(formatSigned(2.5)).toBe("+2.5");
    expect(formatSigned(-3)).toBe("\u22123");
    expect(formatSigned(0)).toBe("0");
  });
});
