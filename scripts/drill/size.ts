/** How big a drill run is: `--quick` fits in about three minutes, the full run in about ten. */
export interface DrillSize {
  fuzzers: number;
  witnesses: number;
  killCycles: number;
  /** Every this-many kill cycles (from the second), the kill lands mid-compaction. */
  midCompactionEvery: number;
  compactEvery: number;
  /** Database outage mid-session (phase b) and at start-up (phase c). */
  outageMs: number;
  startDownMs: number;
  /** Load on two processes with a lossy relay (phase d). */
  relayMs: number;
  relayLoss: number;
}

export const QUICK: DrillSize = {
  fuzzers: 8,
  witnesses: 2,
  killCycles: 4,
  midCompactionEvery: 2,
  compactEvery: 8,
  outageMs: 8_000,
  startDownMs: 8_000,
  relayMs: 10_000,
  relayLoss: 0.1,
};

export const FULL: DrillSize = {
  fuzzers: 14,
  witnesses: 3,
  killCycles: 10,
  midCompactionEvery: 3,
  compactEvery: 8,
  outageMs: 20_000,
  startDownMs: 20_000,
  relayMs: 40_000,
  relayLoss: 0.1,
};
