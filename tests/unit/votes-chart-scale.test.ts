import { describe, expect, it } from "vitest";
import { balanceSeries, formatAverage, formatSigned, formatTotal, linearScale, niceTicks, stepPath, timeAxis } from "@/components/votes/chart-scale";

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

describe("timeAxis", () => {
  const at = (h: number, m: number, s = 0) => Date.UTC(2025, 0, 1, h, m, s);

  it("picks round clock steps and widens the range to whole steps, so both ends carry a tick", () => {
    const axis = timeAxis(at(10, 3, 20), at(10, 26), 5);
    expect(axis.step).toBe(5 * 60_000);
    expect(axis.ticks).toEqual([0, 5, 10, 15, 20, 25, 30].map((m) => at(10, m)));
    expect([axis.min, axis.max]).toEqual([at(10, 0), at(10, 30)]);
    expect(axis.showSeconds).toBe(false);
  });

  it("gives a quick vote second ticks, several of them, labelled with seconds", () => {
    const axis = timeAxis(at(9, 0, 12), at(9, 0, 31), 5);
    expect(axis.step).toBe(5_000);
    expect(axis.ticks).toEqual([10, 15, 20, 25, 30, 35].map((s) => at(9, 0, s)));
    expect(axis.showSeconds).toBe(true);
  });

  it("centres a single instant on an axis a minute wide with at least three ticks", () => {
    const axis = timeAxis(at(9, 0, 10), at(9, 0, 10));
    expect(axis.min).toBeLessThanOrEqual(at(9, 0, 10) - 30_000);
    expect(axis.max).toBeGreaterThanOrEqual(at(9, 0, 10) + 30_000);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
  });

  it("never leaves fewer than three ticks, even when the data fits in one step", () => {
    for (const [start, end] of [
      [at(9, 0, 0), at(9, 0, 1)],
      [at(9, 0, 59), at(9, 1, 1)],
      [at(9, 0), at(11, 0)],
      [at(9, 0), at(9, 0) + 3 * 24 * 3600_000],
    ]) {
      const axis = timeAxis(start, end, 5);
      expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
      expect(axis.ticks.length).toBeLessThanOrEqual(12);
      expect(axis.min).toBeLessThanOrEqual(start);
      expect(axis.max).toBeGreaterThanOrEqual(end);
      expect(axis.ticks.every((t, i) => i === 0 || t - axis.ticks[i - 1] === axis.step)).toBe(true);
    }
  });

  it("puts hour ticks on the viewer's local hour in a half-hour time zone", () => {
    const offset = 5.5 * 3600_000; // India: UTC+5:30
    const axis = timeAxis(at(3, 40), at(8, 10), 5, offset);
    expect(axis.step).toBe(3600_000);
    expect(axis.ticks.every((t) => (t + offset) % 3600_000 === 0)).toBe(true);
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
