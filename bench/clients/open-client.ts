import type { BenchClient, ServerKind } from "./bench-client";
import { HocuspocusBenchClient } from "./hocuspocus-client";
import { ParleyBenchClient } from "./parley-client";
import { RelayBenchClient } from "./relay-client";

/** Opens one client of `kind` on `boardId` of the server at `url` (http://host:port). */
export function openClient(kind: ServerKind, url: string, boardId: string): BenchClient {
  if (kind === "parley") return new ParleyBenchClient(url, boardId);
  if (kind === "hocuspocus") return new HocuspocusBenchClient(url, boardId);
  return new RelayBenchClient(url, boardId);
}
