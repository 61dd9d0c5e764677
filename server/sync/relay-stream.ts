import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { z } from "zod";
import { SYNC_LIMITS } from "../../lib/protocol/protocol";

/** An update one server process saved, as the others receive it. */
export interface RelayedUpdate {
  boardId: string;
  /** Its log sequence number in the store: how a receiver notices one it missed. */
  seq: number;
  update: Uint8Array;
}

/** Options for the update relay; the defaults suit production, tests pass their own. */
export interface RelayOptions {
  /** The Redis stream updates travel on; processes sharing one database must share it, others must not. */
  stream?: string;
  /** Test hook: return true to drop this incoming update as if Redis had lost it. Never set in production. */
  dropIncoming?: (relayed: { boardId: string; seq: number }) => boolean;
}

export interface RelayStream {
  /** Appends an update to the stream; failures are logged (the periodic check repairs them). */
  publish(relayed: RelayedUpdate): void;
  close(): Promise<void>;
}

/**
 * Closes a Redis client, letting commands in flight finish, but never waits long: with Redis down a
 * graceful close would wait for ever, and what it drops the periodic check repairs.
 */
export async function closeRedisClient(client: { close(): Promise<unknown>; destroy(): void }, graceMs = 2_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), graceMs)));
  const outcome = await Promise.race([client.close().catch(() => "late" as const), late]);
  clearTimeout(timer);
  if (outcome !== "late") return;
  try {
    client.destroy();
  } catch {
    // already closed
  }
}

export const DEFAULT_RELAY_STREAM = "parley:relay-updates";
/** Entries the stream keeps (trimmed approximately): enough to ride out a reconnect, not a history. */
const STREAM_MAX_LENGTH = 10_000;
const READ_BATCH = 100;
const BLOCK_MS = 5_000;
const RETRY_MS = 1_000;

/** Base64 characters of the largest relayed update: server changes (revealed drafts) may outgrow a client's frame. */
const MAX_UPDATE_CHARS = Math.ceil((SYNC_LIMITS.transportMaxBytes * 4 * 4) / 3);

// Every field of an entry is a string in Redis; the update travels as base64. An entry refused here is
// treated as lost: the receiver's gap repair reads that update from the database instead.
const EntrySchema = z.object({
  origin: z.string().min(1).max(64),
  boardId: z.string().min(1).max(200),
  seq: z.coerce.number().int().positive(),
  update: z.string().min(1).max(MAX_UPDATE_CHARS),
});
const ReplySchema = z.array(z.object({ messages: z.array(z.object({ id: z.string(), message: z.record(z.string(), z.unknown()) })) })).nullable();

/**
 * Relays saved updates between server processes over a Redis stream, read with a last-seen id: unlike
 * pub/sub, a reader that loses its connection resumes where it stopped, so a Redis reconnect loses
 * nothing still in the stream. The stream is not the source of truth; the log sequence carried with
 * every update is, and a receiver that sees a gap reads the rest from the database (relay-catch-up.ts).
 * The Socket.io Redis Streams adapter relays serverSideEmit over pub/sub, which is why updates do not
 * go through it.
 */
export async function openRelayStream(
  redisUrl: string,
  onUpdate: (relayed: RelayedUpdate) => void,
  options: RelayOptions & { log: (message: string) => void },
): Promise<RelayStream> {
  const stream = options.stream ?? DEFAULT_RELAY_STREAM;
  const origin = randomUUID();
  // Two connections: a blocking read holds its connection, so publishing needs another.
  // Named, so an operator (or a test) can tell them apart in CLIENT LIST.
  const writer = createClient({ url: redisUrl, name: `parley-relay-writer@${stream}` });
  const reader = writer.duplicate({ name: `parley-relay-reader@${stream}` });
  // Without listeners a lost connection would crash the process; the clients reconnect by themselves.
  writer.on("error", (error: Error) => options.log(`relay writer: ${error.message}`));
  reader.on("error", (error: Error) => options.log(`relay reader: ${error.message}`));
  await Promise.all([writer.connect(), reader.connect()]);
  // Start after the newest entry: what came before is in the database this process loads from.
  const newest = await reader.xRevRange(stream, "+", "-", { COUNT: 1 });
  let lastId = newest?.[0]?.id ?? "0-0";
  let closed = false;

  const receive = (fields: Record<string, unknown>) => {
    const entry = EntrySchema.safeParse(fields);
    if (!entry.success) return options.log(`relay: ignored a malformed entry on ${stream}`);
    const { boardId, seq, update } = entry.data;
    if (entry.data.origin === origin || options.dropIncoming?.({ boardId, seq })) return;
    onUpdate({ boardId, seq, update: new Uint8Array(Buffer.from(update, "base64")) });
  };

  const reading = (async () => {
    while (!closed) {
      try {
        const reply = ReplySchema.parse(await reader.xRead({ key: stream, id: lastId }, { BLOCK: BLOCK_MS, COUNT: READ_BATCH }));
        for (const { id, message } of reply?.[0]?.messages ?? []) {
          lastId = id;
          receive(message);
        }
      } catch (error) {
        if (closed) break;
        options.log(`relay: reading ${stream} failed (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  })();

  return {
    publish: ({ boardId, seq, update }) => {
      const fields = { origin, boardId, seq: String(seq), update: Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("base64") };
      writer
        .xAdd(stream, "*", fields, { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: STREAM_MAX_LENGTH } })
        .catch((error: Error) => options.log(`relay: publishing ${boardId}#${seq} failed: ${error.message}`));
    },
    close: async () => {
      closed = true;
      reader.destroy(); // interrupts the blocking read at once
      await reading;
      await closeRedisClient(writer);
    },
  };
}
