/**
 * A test wrapper around any BoardStore that can be told to fail its next calls or to hold them until
 * the test releases them. It is a test knob, not production behaviour: the stores themselves never
 * fail on purpose. Every method (including ones added later) is passed through unless told otherwise.
 */
import { ParleyError } from "@/lib/errors/errors";
import type { BoardStore } from "@/server/persistence/board-store";

type Method = { [K in keyof BoardStore]: BoardStore[K] extends (...args: never[]) => unknown ? K : never }[keyof BoardStore];

export interface Gate {
  /** Resolves once a held call has arrived. */
  reached: Promise<void>;
  /** Lets the held call go through to the real store. */
  release(): void;
}

export interface FaultyStore {
  store: BoardStore;
  /** Makes the next `count` calls of `method` fail with storage-unavailable, storing nothing. */
  failNext(method: Method, count?: number): void;
  /** Holds the next call of `method` until the gate is released. */
  holdNext(method: Method): Gate;
  /** How many times each method was called (failed and held calls included). */
  calls: Map<string, number>;
}

export function faultyStore(inner: BoardStore): FaultyStore {
  const failures = new Map<string, number>();
  const gates = new Map<string, { gate: Gate; arrived: () => void; opened: Promise<void> }[]>();
  const calls = new Map<string, number>();

  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function" || typeof property !== "string") return value;
      return async (...args: unknown[]) => {
        calls.set(property, (calls.get(property) ?? 0) + 1);
        const waiting = gates.get(property)?.shift();
        if (waiting) {
          waiting.arrived();
          await waiting.opened;
        }
        const left = failures.get(property) ?? 0;
        if (left > 0) {
          failures.set(property, left - 1);
          throw new ParleyError("storage-unavailable", `Test store: ${property} failed on purpose; nothing was saved.`);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });

  return {
    store,
    calls,
    failNext: (method, count = 1) => failures.set(method, (failures.get(method) ?? 0) + count),
    holdNext: (method) => {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const opened = new Promise<void>((resolve) => (release = resolve));
      const gate = { reached, release };
      gates.set(method, [...(gates.get(method) ?? []), { gate, arrived, opened }]);
      return gate;
    },
  };
}
