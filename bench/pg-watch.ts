/**
 * "Edit visible in PostgreSQL": polls the database while edits are sent and notes when each edit's
 * marker first appears in what is stored — Parley's update log rows (board_updates), the Hocuspocus
 * peer's document row (its whole Yjs state). Stored bytes are decoded as Yjs updates and the marker is
 * looked for among the keys written to the board's `arguments` map (the argument ids).
 */
import pg from "pg";
import * as Y from "yjs";
import type { ServerKind } from "./clients/bench-client";
import { HOCUSPOCUS_TABLE } from "./servers/peer-tables";
import { nowEpoch } from "./stats";

const POLL_MS = 5;

/** Argument ids written by `update` that start with `prefix`. */
export function markersInUpdate(update: Uint8Array, prefix: string): string[] {
  const found: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && typeof struct.parentSub === "string" && struct.parentSub.startsWith(prefix)) found.push(struct.parentSub);
  }
  return found;
}

export class PgWatcher {
  /** Marker → when it was first seen stored (epoch ms). */
  readonly seen = new Map<string, number>();
  private running = true;
  private readonly loop: Promise<void>;

  /** Starts polling for markers starting with `prefix` on `boardId`; a no-op kind (the relay) stores nothing. */
  constructor(kind: ServerKind, databaseUrl: string, boardId: string, prefix: string) {
    this.loop = kind === "relay" ? Promise.resolve() : this.poll(kind, databaseUrl, boardId, prefix);
    this.loop.catch(() => undefined); // reported by stop(), not as an unhandled rejection meanwhile
  }

  private async poll(kind: ServerKind, databaseUrl: string, boardId: string, prefix: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    let lastSeq = 0;
    let lastStored = "";
    const note = (bytes: Uint8Array) => {
      const at = nowEpoch();
      for (const marker of markersInUpdate(bytes, prefix)) if (!this.seen.has(marker)) this.seen.set(marker, at);
    };
    try {
      while (this.running) {
        if (kind === "parley") {
          const { rows } = await client.query<{ seq: number; data: Buffer }>("SELECT seq, data FROM board_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq", [boardId, lastSeq]);
          for (const row of rows) (note(new Uint8Array(row.data)), (lastSeq = row.seq));
        } else {
          const { rows } = await client.query<{ data: Buffer; updated_at: Date }>(`SELECT data, updated_at FROM ${HOCUSPOCUS_TABLE} WHERE name = $1`, [boardId]);
          const stamp = rows[0]?.updated_at.toISOString() ?? "";
          if (rows[0] && stamp !== lastStored) (note(new Uint8Array(rows[0].data)), (lastStored = stamp));
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
