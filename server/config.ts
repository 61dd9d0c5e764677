import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

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
  PARLEY_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** Scale-out: how often each busy room checks it has every saved update (ms; 0 turns the check off). */
  PARLEY_RELAY_CHECK_MS: z.coerce.number().int().min(0).default(5_000),
  /** Origins allowed to open the sync socket from elsewhere when the sync server runs on its own. */
  PARLEY_CORS_ORIGIN: z.string().optional(),
});

export type ParleyConfig = z.infer<typeof EnvSchema>;

/** Reads configuration from the environment; exits with a readable message when a value is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ParleyConfig {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Parley's configuration is not valid:\n${lines.join("\n")}`);
}
