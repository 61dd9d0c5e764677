import { ParleyError } from "../../lib/errors/errors";

/**
 * Drawing a PNG or laying out a PDF holds the event loop that also serves live boards for up to a
 * second or two each; eight at once (anyone may export the open demo board) stalled every board for
 * seconds. A gate lets one heavy render run at a time, queues a few more, and answers the rest
 * `rate-limited` (retryable) at once rather than letting them pile up.
 */
export interface HeavyGate {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Renders running now plus those waiting (for tests and health). */
  readonly load: number;
}

/** A gate letting `concurrency` renders run at once with at most `queue` more waiting. */
export function createHeavyGate({ concurrency = 1, queue = 16 }: { concurrency?: number; queue?: number } = {}): HeavyGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    const wake = waiting.shift();
    if (wake) {
      running++;
      wake();
    }
  };
  return {
    get load() {
      return running + waiting.length;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= concurrency) {
        if (waiting.length >= queue) {
          throw new ParleyError("rate-limited", "Parley is busy drawing other exports. Try again in a moment.", { retryAfterMs: 2_000 });
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await work();
      } finally {
        next();
      }
    },
  };
}
