/** The IPC messages between the harness and its load-generator processes (validated on arrival). */
import { z } from "zod";

const KindSchema = z.enum(["parley", "hocuspocus", "relay"]);

export const LoadgenCommandSchema = z.discriminatedUnion("type", [
  /** Open clients: one per entry of `boards` (a board id each), all on the server at `url`. */
  z.object({ id: z.number(), type: z.literal("open"), kind: KindSchema, url: z.string(), boards: z.array(z.string()) }),
  /** Send each edit from local client `client` at epoch time `at` (open loop: a late send keeps its stamp). */
  z.object({ id: z.number(), type: z.literal("send"), edits: z.array(z.object({ client: z.number(), marker: z.string(), at: z.number() })) }),
  /** What this process's clients saw of phase `phase` so far (counts only unless `timings`). */
  z.object({ id: z.number(), type: z.literal("stats"), phase: z.number(), timings: z.boolean() }),
  z.object({ id: z.number(), type: z.literal("close") }),
]);
export type LoadgenCommand = z.infer<typeof LoadgenCommandSchema>;

export interface PhaseStats {
  /** Remote arguments of the phase received, over all clients. */
  receipts: number;
  /** Intended send time → receipt, ms, one per receipt. */
  latencies: number[];
  /** Intended send time → the server's ack, ms, one per acknowledged edit. */
  acks: number[];
}

export type LoadgenReply =
  | { id: number; type: "opened"; syncedMs: number[]; failures: string[] }
  | { id: number; type: "sent"; late: number }
  | ({ id: number; type: "stats" } & PhaseStats)
  | { id: number; type: "closed" }
  | { id: number; type: "failed"; message: string };
