import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * Abuse limits (docs/protocol.md "## Limits", summarised in docs/security.md). Per-IP defaults are sized for a whole class behind one
 * school NAT address: 30 students joining, reconnecting and voting at once stay far below them.
 */
const LIMIT_SETTINGS = {
  /** Use the last X-Forwarded-For address as the client's IP: only behind a reverse proxy that sets it. */
  PARLEY_TRUST_PROXY: flag.default(false),
  /** A socket that has not joined a board this long after connecting is closed. */
  PARLEY_JOIN_DEADLINE_MS: count(10_000),
  PARLEY_MAX_CONNECTIONS_PER_IP: count(200),
  PARLEY_MAX_CONNECTIONS_PER_BOARD: count(400),
  /** Awareness client ids one connection may introduce (one per open editor; a browser uses one). */
  PARLEY_PRESENCE_IDS_PER_CONNECTION: count(4),
  /** The window the per-connection budgets below are counted in. */
  PARLEY_CONNECTION_WINDOW_MS: count(10_000),
  PARLEY_SYNC_PER_WINDOW: count(200),
  PARLEY_AWARENESS_PER_WINDOW: count(40),
  PARLEY_COMMANDS_PER_WINDOW: count(40),
  PARLEY_VOTES_PER_WINDOW: count(30),
  /** A connection that sends this many times its budget in one window is disconnected, not just refused. */
  PARLEY_FLOOD_FACTOR: count(3),
  /** Board joins (socket joins and join-code look-ups) per IP per minute. */
  PARLEY_JOINS_PER_MINUTE_PER_IP: count(300),
  /** Members created (HTTP joins) per IP per ten minutes. */
  PARLEY_MEMBERS_PER_10_MINUTES_PER_IP: count(200),
  /** Boards created or imported per IP per ten minutes. */
  PARLEY_BOARDS_PER_10_MINUTES_PER_IP: count(40),
  /** Board exports (any format) per IP per minute: PNG and PDF are heavy, and the demo board is anyone's. */
  PARLEY_EXPORTS_PER_MINUTE_PER_IP: count(120),
  /** Votes arriving within this long of each other reach everyone as one tally. */
  PARLEY_VOTE_TALLY_DEBOUNCE_MS: z.coerce.number().int().min(0).max(5_000).default(150),
};

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgresql:// URL."),
  PARLEY_DATA_DIR: z.string().default("./.parley"),
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  PARLEY_SEED_DEMO: flag.default(true),
  /** Compaction folds a board's log after this many saved updates… */
  PARLEY_COMPACT_EVERY: z.coerce.number().int().min(1).default(200),
  /** …or after this many bytes of them, whichever comes first. */
  PARLEY_COMPACT_BYTES: z.coerce.number().int().min(1).default(1_000_000),
  /** The least time (ms) between two group commits of a board: updates arriving within it share one insert and one broadcast (board-room.ts). */
  PARLEY_COALESCE_MS: z.coerce.number().int().min(0).max(100).default(0),
  PARLEY_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** Scale-out: how often each busy room checks it has every saved update (ms; 0 turns the check off). */
  PARLEY_RELAY_CHECK_MS: z.coerce.number().int().min(0).default(5_000),
  /** Origins allowed to open the sync socket from elsewhere when the sync server runs on its own. */
  PARLEY_CORS_ORIGIN: z.string().optional(),
  ...LIMIT_SETTINGS,
});

export type ParleyConfig = z.infer<typeof EnvSchema>;

/** Reads configuration from the environment; exits with a readable message when a value is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ParleyConfig {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Parley's configuration is not valid:\n${lines.join("\n")}`);
}
