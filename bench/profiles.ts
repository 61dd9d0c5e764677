/**
 * How big each scenario is. `quick` (npm run bench) fits in about three minutes on a quiet 2-core
 * machine; `full` (npm run bench -- --full) is the table; `tiny` is for the harness's own test.
 */
export interface EditLoad {
  clients: number;
  /** How many of the clients send (the rate is shared between them). */
  senders: number;
  /** Edits per second, over all senders. */
  rate: number;
  durationMs: number;
}

export interface Profile {
  name: "quick" | "full" | "tiny";
  rounds: number;
  loadgens: number;
  /** Fan-out: name → load. */
  fanout: Record<string, EditLoad>;
  maxRate: { clients: number; senders: number; steps: number[]; stepMs: number; p99LimitMs: number; everyStep?: boolean };
  connectClients: number;
  /** Ack and visible-in-PostgreSQL at a steady rate. */
  durable: EditLoad;
  memory: { boards: number; argumentsPerBoard: number };
  connections: { total: number; perBoard: number };
  coldLoadArguments: number;
  /** How long to wait for the last deliveries once nothing more arrives. */
  settleMs: number;
}

export const PROFILES: Record<Profile["name"], Profile> = {
  full: {
    name: "full",
    rounds: 3,
    loadgens: 4,
    fanout: {
      "fanout 10 clients": { clients: 10, senders: 5, rate: 10, durationMs: 10_000 },
      "fanout 50 clients": { clients: 50, senders: 5, rate: 10, durationMs: 10_000 },
      "fanout 200 clients": { clients: 200, senders: 5, rate: 10, durationMs: 10_000 },
      "fanout 50 clients at 100 edits/s": { clients: 50, senders: 10, rate: 100, durationMs: 10_000 },
      "fanout 200 clients, 20 editing at 1/s": { clients: 200, senders: 20, rate: 20, durationMs: 10_000 },
    },
    maxRate: { clients: 100, senders: 20, steps: [10, 25, 50, 100, 200, 300, 400, 600, 800, 1200, 1600], stepMs: 5_000, p99LimitMs: 100 },
    connectClients: 50,
    durable: { clients: 10, senders: 10, rate: 100, durationMs: 10_000 },
    memory: { boards: 10, argumentsPerBoard: 1_000 },
    connections: { total: 5_000, perBoard: 100 },
    coldLoadArguments: 10_000,
    settleMs: 3_000,
  },
  quick: {
    name: "quick",
    rounds: 1,
    loadgens: 2,
    fanout: {
      "fanout 10 clients": { clients: 10, senders: 5, rate: 10, durationMs: 3_000 },
      "fanout 50 clients": { clients: 50, senders: 5, rate: 10, durationMs: 3_000 },
      "fanout 20 clients at 100 edits/s": { clients: 20, senders: 10, rate: 100, durationMs: 3_000 },
    },
    maxRate: { clients: 20, senders: 10, steps: [10, 25, 50, 100, 200, 400, 800], stepMs: 2_000, p99LimitMs: 100 },
    connectClients: 20,
    durable: { clients: 5, senders: 5, rate: 100, durationMs: 3_000 },
    memory: { boards: 3, argumentsPerBoard: 1_000 },
    connections: { total: 300, perBoard: 100 },
    coldLoadArguments: 2_000,
    settleMs: 1_500,
  },
  tiny: {
    name: "tiny",
    rounds: 1,
    loadgens: 1,
    fanout: { "fanout 3 clients": { clients: 3, senders: 1, rate: 20, durationMs: 1_000 } },
    maxRate: { clients: 3, senders: 1, steps: [20], stepMs: 1_000, p99LimitMs: 100_000 },
    connectClients: 3,
    durable: { clients: 2, senders: 1, rate: 10, durationMs: 500 },
    memory: { boards: 1, argumentsPerBoard: 20 },
    connections: { total: 3, perBoard: 3 },
    coldLoadArguments: 20,
    settleMs: 15_000,
  },
};
