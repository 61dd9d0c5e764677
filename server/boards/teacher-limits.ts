// The files, not the package's index, which loads every store it supports (types/rate-limiter-flexible-parts.d.ts).
import RateLimiterMemory from "rate-limiter-flexible/lib/RateLimiterMemory.js";
import RateLimiterRes from "rate-limiter-flexible/lib/RateLimiterRes.js";
import { ParleyError } from "../../lib/errors/errors";

/**
 * How much a facilitator may do per minute: plenty for a teacher sorting a class of thirty, not
 * enough for a stuck script to flood the database or create boards without end. Counted per member,
 * per server process (a limit, not a quota: a few more through other processes do no harm).
 */
const limiter = new RateLimiterMemory({ keyPrefix: "teacher", points: 120, duration: 60 });

/** What each action costs: duplicating creates a board, so it costs more than a rename. */
export const ACTION_COST = { read: 0, light: 1, duplicate: 10 } as const;

/** Counts one action by `memberId`; throws `rate-limited` when they have done too much this minute. */
export async function chargeTeacherAction(memberId: string, cost: number = ACTION_COST.light): Promise<void> {
  if (cost === 0) return;
  try {
    await limiter.consume(memberId, cost);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new ParleyError("rate-limited", `Too many changes in a short time; try again in ${seconds} s.`);
  }
}
