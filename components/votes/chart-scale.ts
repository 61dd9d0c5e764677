/**
 * Scales and ticks for the results charts, kept free of React so they can be unit-tested. The charts
 * are plain SVG: these functions turn numbers into coordinates and pick round axis labels.
 */

export interface Ticks {
  /** The axis runs from `min` to `max`, both multiples of `step`, covering the data. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Steps people read at a glance: 1, 2, 2.5 and 5 times a power of ten. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * Round tick values covering `[min, max]`, about `count` intervals. An empty range (all zeros, one
 * value) is widened so the axis still has a length and zero stays on it.
 */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  let lo = Math.min(min, max, 0);
  let hi = Math.max(min, max, 0);
  if (hi - lo < 1e-9) hi = lo + 1;
  const rough = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (NICE_STEPS.find((s) => s * power >= rough - 1e-12) ?? 10) * power;
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 does not print as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return { min: lo, max: hi, step, ticks };
}

/** Maps `domain` linearly onto `range`; a zero-width domain maps everything to the range's middle. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Clock steps for the timeline's x axis, smallest first: a quick vote spans seconds, a lesson an hour. */
const TIME_STEPS = [SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];
/** A single instant still gets an axis a minute wide, centred on it. */
const HALF_MINUTE = 30 * SECOND;

export interface TimeAxis {
  /** The axis runs from `min` to `max` (ms), both on the clock step, covering the data. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** Steps under a minute: labels need seconds to tell the ticks apart. */
  showSeconds: boolean;
}

/**
 * A time axis over `[start, end]` (ms): a round clock step giving about `count` intervals, and the
 * range widened to whole steps so that both ends carry a tick. The data never has fewer than two
 * intervals, so the reader always sees at least three labelled times. `offsetMs` is the viewer's
 * offset from UTC (east positive), so hour ticks land on the local hour in a half-hour time zone.
 */
export function timeAxis(start: number, end: number, count = 5, offsetMs = 0): TimeAxis {
  const [from, to] = end > start ? [start, end] : [start - HALF_MINUTE, start + HALF_MINUTE];
  const intervals = Math.max(2, count);
  const rough = (to - from) / intervals;
  const step = TIME_STEPS.find((s) => s >= rough) ?? Math.ceil(rough / DAY) * DAY;
  const min = Math.floor((from + offsetMs) / step) * step - offsetMs;
  let max = Math.ceil((to + offsetMs) / step) * step - offsetMs;
  // A span that fits in one step (e.g. 3 s of ballots on a 5 s step) still gets two intervals.
  if ((max - min) / step < 2) max = min + 2 * step;
  const ticks: number[] = [];
  for (let t = min; t <= max; t += step) ticks.push(t);
  return { min, max, step, ticks, showSeconds: step < MINUTE };
}

export interface SeriesPoint {
  at: number;
  value: number;
}

/**
 * One series per position from the results' timeline, each starting at zero just before the first
 * ballot (before anyone voted, no side led).
 */
export function balanceSeries(timeline: { at: number; balances: Record<string, number> }[], positionIds: string[]): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  for (const id of positionIds) {
    const points = timeline.map((entry) => ({ at: entry.at, value: entry.balances[id] ?? 0 }));
    series.set(id, points.length ? [{ at: points[0].at, value: 0 }, ...points] : []);
  }
  return series;
}

/**
 * An SVG path through `points` drawn as steps: a balance holds its value until the next ballot
 * changes it, so a straight diagonal between ballots would show movement that never happened.
 */
export function stepPath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return "";
  const parts = [`M${round(points[0].x)},${round(points[0].y)}`];
  for (let i = 1; i < points.length; i++) {
    parts.push(`H${round(points[i].x)}`, `V${round(points[i].y)}`);
  }
  return parts.join(" ");
}

const round = (n: number) => Math.round(n * 10) / 10;

/** An average for display: one decimal, or a dash when nobody has rated. */
export function formatAverage(value: number | null): string {
  return value === null ? "—" : value.toFixed(1);
}

/** A total for display: whole numbers stay whole, others get one decimal. */
export function formatTotal(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A balance with its sign, so "+2" and "−2" read as directions (a true minus sign, not a hyphen). */
export function formatSigned(value: number): string {
  if (Math.abs(value) < 1e-9) return "0";
  return `${value > 0 ? "+" : "−"}${formatTotal(Math.abs(value))}`;
}
