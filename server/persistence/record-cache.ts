import type { BoardAccess, BoardStore } from "./board-store";

/**
 * A BoardStore that remembers each board's votes, vote history, drafts and members between writes,
 * and its access fields (BoardAccess: id, join code, access mode). Every join used to read the first
 * four (the whole vote history included) and the board row, although they only change when someone
 * votes, drafts, a facilitator changes a member or reissues the code; now a join reads them once per change.
 * A board that is not there is never remembered: another process (a CLI import) may create it.
 *
 * Invalidation is structural: every write goes through this same object (sync commands, joins and
 * the teacher's HTTP actions share the process's one store), and each write method below forgets
 * what it touches once it has committed. A read that was in flight while any write committed is not
 * remembered (it may predate the write), so the cache never holds anything older than the last write.
 *
 * Only for a process that is alone on its database: with scale-out (Redis), another process's writes
 * would not reach this cache, so parley.ts leaves it out there.
 */

/** The cached reads: board id → answer. */
const LISTS = ["listVotes", "listVoteEvents", "listDrafts", "listMembers"] as const;
const CACHED = [...LISTS, "getBoardAccess"] as const;
type CachedRead = (typeof CACHED)[number];

/** Which cached reads each write changes, and how to find the board it writes to. */
const WRITES: Partial<Record<keyof BoardStore, { touches: readonly CachedRead[]; boardOf: (args: unknown[]) => string | null }>> = {
  castVote: { touches: ["listVotes", "listVoteEvents"], boardOf: (args) => args[0] as string },
  saveDraft: { touches: ["listDrafts"], boardOf: (args) => (args[0] as { boardId: string }).boardId },
  deleteDrafts: { touches: ["listDrafts"], boardOf: (args) => args[0] as string },
  createMember: { touches: ["listMembers"], boardOf: (args) => (args[0] as { boardId: string }).boardId },
  // Only the member id is given: every board's members are forgotten (renames are rare).
  renameMember: { touches: ["listMembers"], boardOf: () => null },
  removeMember: { touches: ["listMembers"], boardOf: (args) => args[0] as string },
  changeMember: { touches: ["listMembers"], boardOf: (args) => args[0] as string },
  deleteBoard: { touches: CACHED, boardOf: (args) => args[0] as string },
  // The join code changes; archiving and a new source revision do not touch the access fields, but
  // they are board writes, so what was read before them is not kept either.
  reissueInvites: { touches: ["getBoardAccess"], boardOf: (args) => args[0] as string },
  setBoardArchived: { touches: ["getBoardAccess"], boardOf: (args) => args[0] as string },
  recordSourceRevision: { touches: ["getBoardAccess"], boardOf: (args) => args[0] as string },
  // A board created with members or ballots (a duplicate, an import) under an id that might once have been cached.
  createBoard: { touches: CACHED, boardOf: (args) => (args[0] as { id: string }).id },
};

export interface RecordCacheOptions {
  /** Boards whose records are kept; the least recently read are forgotten first. */
  maxBoards?: number;
}

export interface CachingStore {
  store: BoardStore;
  /** Forgets one board's records (its room unloaded), or everything. */
  forget(boardId?: string): void;
}

/** Wraps `inner` (see the module comment). Methods it does not cache or watch pass straight through. */
export function withRecordCache(inner: BoardStore, { maxBoards = 256 }: RecordCacheOptions = {}): CachingStore {
  /** board id → read name → answer; Map order is recency (re-inserted on every hit). */
  const boards = new Map<string, Map<CachedRead, unknown>>();
  /** Bumped by every committed write: an answer read across a bump is stale-prone and not kept. */
  let generation = 0;

  const forget = (boardId: string | null, touches: readonly CachedRead[]) => {
    const targets = boardId === null ? [...boards.values()] : [boards.get(boardId)].filter((b) => b !== undefined);
    for (const entry of targets) for (const read of touches) entry.delete(read);
  };

  /**
   * Reads in flight, by read and board: a class joining at once asks for the same board together, and
   * shares one read instead of sending one each. Only callers that arrive before any write commits
   * share it (its generation): a caller after a write reads afresh, as if nothing were in flight.
   */
  const inFlight = new Map<string, { generation: number; answer: Promise<unknown> }>();

  /** Answers `read` for a board from memory, or reads it through and keeps it (see the module comment). */
  const cachedRead = <T>(read: CachedRead, copy: (answer: T) => T) => async (boardId: string): Promise<T> => {
    const entry = boards.get(boardId);
    const hit = entry?.get(read) as T | undefined;
    if (entry && hit !== undefined) {
      // Most recently used goes last.
      boards.delete(boardId);
      boards.set(boardId, entry);
      return copy(hit);
    }
    const key = `${read}\u0000${boardId}`;
    const shared = inFlight.get(key);
    if (shared && shared.generation === generation) {
      const answer = (await shared.answer) as T;
      return answer === null ? answer : copy(answer);
    }
    const startedAt = generation;
    const reading = (inner[read] as (id: string) => Promise<T>).call(inner, boardId);
    const mine = { generation: startedAt, answer: reading };
    inFlight.set(key, mine);
    let answer: T;
    try {
      answer = await reading;
    } finally {
      if (inFlight.get(key) === mine) inFlight.delete(key);
    }
    if (generation === startedAt && answer !== null) {
      const fresh = boards.get(boardId) ?? new Map<CachedRead, unknown>();
      boards.delete(boardId);
      boards.set(boardId, fresh);
      fresh.set(read, answer);
      while (boards.size > maxBoards) boards.delete(boards.keys().next().value as string);
    }
    return answer === null ? answer : copy(answer);
  };

  const watchedWrite = (name: keyof BoardStore) => {
    const { touches, boardOf } = WRITES[name]!;
    return async (...args: unknown[]) => {
      try {
        return await (inner[name] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
      } finally {
        // Even a failed write may have committed (a lost connection after COMMIT): forget either way.
        generation++;
        forget(boardOf(args), touches);
      }
    };
  };

  const overrides = new Map<string | symbol, unknown>();
  for (const read of LISTS) overrides.set(read, cachedRead<unknown[]>(read, (list) => [...list]));
  overrides.set("getBoardAccess", cachedRead<BoardAccess | null>("getBoardAccess", (access) => access && { ...access }));
  for (const name of Object.keys(WRITES) as (keyof BoardStore)[]) overrides.set(name, watchedWrite(name));

  // A Proxy rather than a hand-written wrapper, so methods added to BoardStore later pass through.
  // What a tool defines on it (vitest's spyOn) lands on the empty target and stands in front.
  const store: BoardStore = new Proxy({} as BoardStore, {
    get(target, name) {
      if (Object.prototype.hasOwnProperty.call(target, name)) return (target as unknown as Record<string | symbol, unknown>)[name];
      if (overrides.has(name)) return overrides.get(name);
      const value = (inner as unknown as Record<string | symbol, unknown>)[name];
      return typeof value === "function" ? value.bind(inner) : value;
    },
    getOwnPropertyDescriptor(target, name): PropertyDescriptor | undefined {
      const own = Reflect.getOwnPropertyDescriptor(target, name);
      if (own || typeof name !== "string" || !(overrides.has(name) || typeof (inner as unknown as Record<string, unknown>)[name] === "function")) return own;
      return { value: (store as unknown as Record<string, unknown>)[name], writable: true, enumerable: true, configurable: true };
    },
  });
  return {
    store,
    forget: (boardId) => {
      generation++;
      if (boardId === undefined) boards.clear();
      else boards.delete(boardId);
    },
  };
}
