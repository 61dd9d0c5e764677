import { ParleyError } from "../../lib/errors/errors";
import type { BoardStore, DatabaseKind } from "./board-store";

export interface StoreWhenReady {
  /** Answers every call with `storage-unavailable` until `open` hands it the real store. */
  store: BoardStore;
  open(store: BoardStore): void;
  readonly isOpen: boolean;
}

/**
 * A BoardStore that exists before the database does. The server listens while it waits for its
 * database (so /api/health can say 503 and a join can be refused as retryable rather than a connection
 * refused); everything that would touch the database meanwhile fails the way a database outage does.
 */
export function storeWhenReady(kind: DatabaseKind): StoreWhenReady {
  let real: BoardStore | null = null;
  const notYet = () => new ParleyError("storage-unavailable", "Parley is still waiting for its database; try again in a moment.");
  // A Proxy rather than a hand-written wrapper, so methods added to BoardStore later are covered too.
  const store: BoardStore = new Proxy({} as BoardStore, {
    get(target, name) {
      // A property defined on the wrapper itself (a test's spy) stands in front of the store's own.
      if (Object.prototype.hasOwnProperty.call(target, name)) return (target as unknown as Record<string | symbol, unknown>)[name];
      if (name === "kind") return real?.kind ?? kind;
      // Not a thenable: `await store` must not call into the database.
      if (typeof name !== "string" || name === "then") return undefined;
      if (real) {
        const value = (real as unknown as Record<string, unknown>)[name];
        return typeof value === "function" ? value.bind(real) : value;
      }
      // Closing a store that never opened has nothing to release.
      if (name === "close") return async () => {};
      return async () => {
        throw notYet();
      };
    },
    // Describes the open store's methods as the wrapper's own, so tools that wrap a method in place
    // (vitest's spyOn) find it; what they define lands on the wrapper (see `get`).
    getOwnPropertyDescriptor(target, name): PropertyDescriptor | undefined {
      const own = Reflect.getOwnPropertyDescriptor(target, name);
      if (own || !real || typeof name !== "string" || !(name in real)) return own;
      return { value: (store as unknown as Record<string, unknown>)[name], writable: true, enumerable: true, configurable: true };
    },
  });
  return {
    store,
    open: (opened) => {
      real = opened;
    },
    get isOpen() {
      return real !== null;
    },
  };
}
