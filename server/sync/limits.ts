import type { RateLimiterAbstract, RateLimiterRedis } from "rate-limiter-flexible";
// The files, not the package's index, which loads every store it supports (types/rate-limiter-flexible-parts.d.ts).
import RateLimiterMemory from "rate-limiter-flexible/lib/RateLimiterMemory.js";
import RateLimiterRes from "rate-limiter-flexible/lib/RateLimiterRes.js";
import { ParleyError } from "../../lib/errors/errors";
import type { ParleyConfig } from "../config";

/**
 * Flood control for everything a client can send (docs/security.md "## Limits"). Budgets per
 * connection (sync, awareness, commands, votes) live in this process's memory: a socket only ever
 * talks to one process, and a Redis round trip per keystroke would slow every honest editor. Budgets
 * per IP address (joins, new members, new boards) are shared through Redis when REDIS_URL is set, so
 * a guesser cannot multiply them by the number of server processes.
 */
export interface LimitSettings {
  trustProxy: boolean;
  joinDeadlineMs: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerBoard: number;
  presenceIdsPerConnection: number;
  connectionWindowMs: number;
  perConnection: Record<ConnectionBudget, number>;
  floodFactor: number;
  perIp: Record<AddressBudget, number>;
  voteTallyDelayMs: number;
}

export type ConnectionBudget = "sync" | "awareness" | "command" | "vote";
export type AddressBudget = "join" | "member" | "board" | "export";

/** The window each per-IP budget is counted in (seconds), and what the refusal tells the person. */
const ADDRESS_WINDOWS: Record<AddressBudget, { seconds: number; what: string }> = {
  join: { seconds: 60, what: "joins from your network" },
  member: { seconds: 600, what: "new places on boards from your network" },
  board: { seconds: 600, what: "new boards from your network" },
  export: { seconds: 60, what: "exports from your network" },
};

const WHAT: Record<ConnectionBudget, string> = {
  sync: "edits",
  awareness: "presence messages",
  command: "commands",
  vote: "votes",
};

/** Allowed, or refused with the error to send; `flood` when the sender should also be disconnected. */
export type LimitVerdict = { ok: true } | { ok: false; error: ParleyError; flood: boolean; first: boolean };

/** The limit settings out of the environment's configuration. */
export function limitSettings(config: ParleyConfig): LimitSettings {
  return {
    trustProxy: config.PARLEY_TRUST_PROXY,
    joinDeadlineMs: config.PARLEY_JOIN_DEADLINE_MS,
    maxConnectionsPerIp: config.PARLEY_MAX_CONNECTIONS_PER_IP,
    maxConnectionsPerBoard: config.PARLEY_MAX_CONNECTIONS_PER_BOARD,
    presenceIdsPerConnection: config.PARLEY_PRESENCE_IDS_PER_CONNECTION,
    connectionWindowMs: config.PARLEY_CONNECTION_WINDOW_MS,
    perConnection: {
      sync: config.PARLEY_SYNC_PER_WINDOW,
      awareness: config.PARLEY_AWARENESS_PER_WINDOW,
      command: config.PARLEY_COMMANDS_PER_WINDOW,
      vote: config.PARLEY_VOTES_PER_WINDOW,
    },
    floodFactor: config.PARLEY_FLOOD_FACTOR,
    perIp: {
      join: config.PARLEY_JOINS_PER_MINUTE_PER_IP,
      member: config.PARLEY_MEMBERS_PER_10_MINUTES_PER_IP,
      board: config.PARLEY_BOARDS_PER_10_MINUTES_PER_IP,
      export: config.PARLEY_EXPORTS_PER_MINUTE_PER_IP,
    },
    voteTallyDelayMs: config.PARLEY_VOTE_TALLY_DEBOUNCE_MS,
  };
}

/** Every limiter of one server process, plus the counts of open connections per IP and per board. */
export class Limits {
  readonly seats = new Seats();
  private readonly byConnection: Record<ConnectionBudget, RateLimiterMemory>;
  private readonly byAddress: Record<AddressBudget, RateLimiterAbstract>;

  private constructor(
    readonly settings: LimitSettings,
    // Any node-redis client (the limiter only needs its commands, not its exact generic type), with the limiter class that uses it.
    redis: { client: unknown; Limiter: typeof RateLimiterRedis } | null,
    private readonly closeStore: () => Promise<unknown> = async () => undefined,
  ) {
    const seconds = settings.connectionWindowMs / 1000;
    const perConnection = (budget: ConnectionBudget) => new RateLimiterMemory({ keyPrefix: `conn-${budget}`, points: settings.perConnection[budget], duration: seconds });
    this.byConnection = { sync: perConnection("sync"), awareness: perConnection("awareness"), command: perConnection("command"), vote: perConnection("vote") };
    const perAddress = (budget: AddressBudget): RateLimiterAbstract => {
      const options = { keyPrefix: `parley-ip-${budget}`, points: settings.perIp[budget], duration: ADDRESS_WINDOWS[budget].seconds };
      // If Redis stops answering, each process keeps counting on its own rather than letting everyone through.
      const local = new RateLimiterMemory(options);
      return redis ? new redis.Limiter({ ...options, storeClient: redis.client, useRedisPackage: true, insuranceLimiter: local }) : local;
    };
    this.byAddress = { join: perAddress("join"), member: perAddress("member"), board: perAddress("board"), export: perAddress("export") };
  }

  /** Limits for one process; with `redisUrl`, per-IP budgets are shared with the other processes. */
  static async create(settings: LimitSettings, redisUrl?: string): Promise<Limits> {
    if (!redisUrl) return new Limits(settings, null);
    // Only scaled-out processes load the Redis client (~15 MB of RSS).
    const [{ createClient }, { default: Limiter }] = await Promise.all([import("redis"), import("rate-limiter-flexible/lib/RateLimiterRedis.js")]);
    const redis = createClient({ url: redisUrl });
    redis.on("error", () => undefined); // the insurance limiter takes over; node-redis reconnects by itself
    await redis.connect();
    return new Limits(settings, { client: redis, Limiter }, () => redis.quit());
  }

  /** Spends one unit of a connection's `budget`. */
  connection(budget: ConnectionBudget, connectionId: string): Promise<LimitVerdict> {
    const limit = this.settings.perConnection[budget];
    return spend(this.byConnection[budget], connectionId, (res) => ({
      error: new ParleyError("rate-limited", `Too many ${WHAT[budget]}: at most ${limit} every ${this.settings.connectionWindowMs / 1000} s. Slow down.`, {
        retryAfterMs: res.msBeforeNext,
      }),
      flood: res.consumedPoints > limit * this.settings.floodFactor,
      first: res.consumedPoints === limit + 1,
    }));
  }

  /** Spends one unit of an IP address's `budget`. */
  address(budget: AddressBudget, ip: string): Promise<LimitVerdict> {
    const { seconds, what } = ADDRESS_WINDOWS[budget];
    return spend(this.byAddress[budget], ip, (res) => ({
      error: new ParleyError("rate-limited", `Too many ${what} (at most ${this.settings.perIp[budget]} in ${seconds / 60} min). Try again in a moment.`, {
        retryAfterMs: res.msBeforeNext,
      }),
      flood: false,
      first: res.consumedPoints === this.settings.perIp[budget] + 1,
    }));
  }

  /** Forgets a closed connection's budgets. */
  forget(connectionId: string): void {
    for (const limiter of Object.values(this.byConnection)) void limiter.delete(connectionId);
  }

  async close(): Promise<void> {
    await this.closeStore().catch(() => undefined);
  }
}

async function spend(limiter: RateLimiterAbstract, key: string, refuse: (res: RateLimiterRes) => Omit<Extract<LimitVerdict, { ok: false }>, "ok">): Promise<LimitVerdict> {
  try {
    await limiter.consume(key);
    return { ok: true };
  } catch (rejection) {
    // Anything but a spent budget is a store failure with no insurance: never lock honest people out for it.
    if (!(rejection instanceof RateLimiterRes)) return { ok: true };
    return { ok: false, ...refuse(rejection) };
  }
}

/**
 * Open connections per IP address and seats per board, in this process. A connection holds its IP's
 * slot from connecting to disconnecting, and one seat on the board it asked to join.
 */
export class Seats {
  private readonly perIp = new Map<string, number>();
  private readonly perBoard = new Map<string, Set<string>>();
  private readonly boardOf = new Map<string, string>();

  /** Takes a connection slot for `ip`; false when it already has `max` open. */
  connect(ip: string, max: number): boolean {
    const open = this.perIp.get(ip) ?? 0;
    if (open >= max) return false;
    this.perIp.set(ip, open + 1);
    return true;
  }

  /** Takes a seat on `boardId` for `connectionId`; false when the board already has `max` (a second ask for the same board keeps its seat). */
  sit(connectionId: string, boardId: string, max: number): boolean {
    if (this.boardOf.has(connectionId)) return true; // joining twice is answered by the join handler
    const seated = this.perBoard.get(boardId) ?? new Set<string>();
    if (seated.size >= max) return false;
    seated.add(connectionId);
    this.perBoard.set(boardId, seated);
    this.boardOf.set(connectionId, boardId);
    return true;
  }

  /** Frees the connection's IP slot and board seat. */
  leave(connectionId: string, ip: string): void {
    const open = (this.perIp.get(ip) ?? 1) - 1;
    if (open > 0) this.perIp.set(ip, open);
    else this.perIp.delete(ip);
    this.stand(connectionId);
  }

  /** Gives back the connection's board seat (its join was refused): it may ask again, on any board. */
  stand(connectionId: string): void {
    const boardId = this.boardOf.get(connectionId);
    if (boardId === undefined) return;
    this.boardOf.delete(connectionId);
    const seated = this.perBoard.get(boardId);
    seated?.delete(connectionId);
    if (seated?.size === 0) this.perBoard.delete(boardId);
  }
}
