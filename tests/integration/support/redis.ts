/** Redis for the scale-out suites: a fail-fast check, and per-suite relay streams with a loss hook. */
import { connect } from "node:net";
import type { RelayOptions } from "@/server/sync/relay-stream";

export const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Fails fast with instructions when Redis is not running (the Redis client would retry for ever). */
export async function requireRedis(url = REDIS_URL): Promise<void> {
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 3_000 });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`The scale-out tests need Redis at ${url} (set PARLEY_TEST_REDIS_URL to use another): ${why}. Start it with: redis-server --daemonize yes`));
    };
    socket.once("connect", () => (socket.end(), resolve()));
    socket.once("timeout", () => fail("no answer"));
    socket.once("error", (error) => fail(error.message));
  });
}

/** What a planned loss did: the seqs it dropped, in order. */
export interface PlannedLoss {
  dropped: number[];
}

/**
 * A relay hook for one server that loses chosen updates on the way in, as a Redis hiccup would:
 * `loseNth(boardId, n)` drops the nth update relayed to that server for that board (counting from 1).
 */
export function relayLoss(): Required<Pick<RelayOptions, "dropIncoming">> & { loseNth(boardId: string, n: number): PlannedLoss } {
  const plans = new Map<string, { n: number; seen: number; loss: PlannedLoss }>();
  return {
    dropIncoming: ({ boardId, seq }) => {
      const plan = plans.get(boardId);
      if (!plan || ++plan.seen !== plan.n) return false;
      plan.loss.dropped.push(seq);
      return true;
    },
    loseNth: (boardId, n) => {
      const loss: PlannedLoss = { dropped: [] };
      plans.set(boardId, { n, seen: 0, loss });
      return loss;
    },
  };
}
