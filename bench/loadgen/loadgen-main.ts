/**
 * A load-generator process: holds many simulated clients and does what the harness asks over IPC
 * (messages.ts). Receipts are timed against the send time written in the edit itself, so clients in
 * different processes measure the same thing.
 */
import { readStamp, stampedText } from "../board-content";
import { onRemoteArgument, type BenchClient } from "../clients/bench-client";
import { openClient } from "../clients/open-client";
import { nowEpoch } from "../stats";
import { LoadgenCommandSchema, type LoadgenCommand, type LoadgenReply, type PhaseStats } from "./messages";
import { runOpenLoop } from "./open-loop";

const clients: BenchClient[] = [];
const phases = new Map<number, PhaseStats>();
/** The phase a marker belongs to (see markerId), or -1 for any other argument (the seeded ones). */
const phaseOf = (id: string) => Number(/^bm(\d+)-/.exec(id)?.[1] ?? -1);
const stats = (phase: number) => phases.get(phase) ?? phases.set(phase, { receipts: 0, latencies: [], acks: [] }).get(phase)!;

function track(client: BenchClient): void {
  onRemoteArgument(client.doc, (id, text) => {
    const phase = phaseOf(id);
    if (phase < 0) return;
    const at = readStamp(text);
    const s = stats(phase);
    s.receipts++;
    if (at !== null) s.latencies.push(nowEpoch() - at);
  });
}

/** A client that is not synced by then counts as failed, instead of hanging the run. */
const SYNC_TIMEOUT_MS = 180_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A counting semaphore: `take` waits while all slots are taken. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async take(): Promise<void> {
    if (this.free > 0) return void this.free--;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Per client, the sends not yet acknowledged: acks come back in send order. */
const unacked = new Map<BenchClient, { phase: number; at: number }[]>();

/**
 * At most this many clients of one process connecting at once: thousands of simultaneous handshakes
 * from one process would time out in its own event loop, which measures the load generator instead of
 * the server. The time until all are synced still includes the wait for a free slot.
 */
const CONNECTING_AT_ONCE = 100;

async function open(command: LoadgenCommand & { type: "open" }): Promise<LoadgenReply> {
  const failures: string[] = [];
  const slots = new Slots(CONNECTING_AT_ONCE);
  const syncedMs = await Promise.all(
    command.boards.map(async (boardId) => {
      await slots.take();
      const started = nowEpoch();
      const client = openClient(command.kind, command.url, boardId);
      clients.push(client);
      track(client);
      unacked.set(client, []);
      client.onAck(() => {
        const sent = unacked.get(client)!.shift();
        if (sent) stats(sent.phase).acks.push(nowEpoch() - sent.at);
      });
      try {
        await withTimeout(client.synced, SYNC_TIMEOUT_MS, `${command.kind} client on ${boardId} not synced after ${SYNC_TIMEOUT_MS / 1000} s`);
        return nowEpoch() - started;
      } catch (error) {
        failures.push((error as Error).message);
        return -1;
      } finally {
        slots.release();
      }
    }),
  );
  return { id: command.id, type: "opened", syncedMs: syncedMs.filter((ms) => ms >= 0), failures };
}

async function handle(command: LoadgenCommand): Promise<LoadgenReply> {
  switch (command.type) {
    case "open":
      return open(command);
    case "send": {
      const late = await runOpenLoop(command.edits, (edit) => {
        const client = clients[edit.client];
        unacked.get(client)!.push({ phase: phaseOf(edit.marker), at: edit.at });
        client.edit(edit.marker, stampedText(edit.at));
      });
      return { id: command.id, type: "sent", late };
    }
    case "stats": {
      const s = stats(command.phase);
      return { id: command.id, type: "stats", receipts: s.receipts, latencies: command.timings ? s.latencies : [], acks: command.timings ? s.acks : [] };
    }
    case "close":
      for (const client of clients.splice(0)) (client.close(), unacked.delete(client));
      return { id: command.id, type: "closed" };
  }
}

process.on("message", (raw: unknown) => {
  const parsed = LoadgenCommandSchema.safeParse(raw);
  if (!parsed.success) return void process.send?.({ id: -1, type: "failed", message: parsed.error.message } satisfies LoadgenReply);
  handle(parsed.data).then(
    (reply) => process.send?.(reply),
    (error: Error) => process.send?.({ id: parsed.data.id, type: "failed", message: error.stack ?? error.message } satisfies LoadgenReply),
  );
});
process.on("disconnect", () => process.exit(0));
