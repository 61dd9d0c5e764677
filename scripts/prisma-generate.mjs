#!/usr/bin/env node
// Runs `prisma generate` so it works with and without network access.
// Generate never executes Prisma's native schema engine, but the CLI refuses to start unless it can
// find (or download) one. Where none is configured, point it at a placeholder file so nothing is fetched.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  const dir = join(tmpdir(), "parley-prisma");
  mkdirSync(dir, { recursive: true });
  const placeholder = join(dir, "schema-engine-placeholder");
  writeFileSync(placeholder, "");
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
