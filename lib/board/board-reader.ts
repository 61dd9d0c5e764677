import type * as Y from "yjs";
import type { Argument } from "./argument";
import { argumentsMap, parseArgumentRecord, reachableArguments, readMeta, readPositions, type BoardState } from "./doc";

/** Reads a board again and again, cheaply. */
export interface BoardReader {
  /** The board as `readBoard` would read it, re-parsing only the arguments changed since the last call. */
  read(): BoardState;
  /** Stops watching the document. */
  destroy(): void;
}

/**
 * An incremental `readBoard`: it watches which argument records change and re-validates only those,
 * so an edit on a 1,000-argument board costs one parse, not a thousand. Unchanged arguments keep
 * their object identity from one read to the next, which lets memoised views skip them.
 */
export function createBoardReader(doc: Y.Doc): BoardReader {
  const args = argumentsMap(doc);
  const parsed = new Map<string, Argument>();
  // Everything is dirty until the first read.
  let dirty: Set<string> | "all" = "all";
  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (dirty === "all") return;
    for (const event of events) {
      // A record added, replaced or deleted (the arguments map's own keys), or a field inside one.
      if (event.target === args) for (const key of event.changes.keys.keys()) dirty.add(key);
      else if (typeof event.path[0] === "string") dirty.add(event.path[0]);
    }
  };
  args.observeDeep(onChange);

  const refresh = (id: string) => {
    const value = args.get(id);
    const argument = value === undefined ? null : parseArgumentRecord(id, value);
    if (argument) parsed.set(id, argument);
    else parsed.delete(id);
  };

  return {
    read() {
      if (dirty === "all") {
        parsed.clear();
        for (const id of args.keys()) refresh(id);
      } else {
        for (const id of dirty) refresh(id);
      }
      dirty = new Set();
      const positions = readPositions(doc);
      return { meta: readMeta(doc), positions, arguments: reachableArguments(parsed, new Set(positions.map((p) => p.id))) };
    },
    destroy() {
      args.unobserveDeep(onChange);
    },
  };
}
