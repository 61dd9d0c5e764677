#!/usr/bin/env node
// `npm start`: builds the Next.js app and the server bundle (server-bundle.mjs) when there is no build
// or the sources changed since, then runs the production server from its bundle, in this process. A
// new user never has to remember `npm run build`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SERVER_BUNDLE_DIR, SERVER_BUNDLE_DIR_ENV, SERVER_ENTRIES, ensureServerBundle } from "./server-bundle.mjs";

const root = new URL("..", import.meta.url).pathname;
const buildId = join(root, ".next", "BUILD_ID");
const inputs = ["app", "components", "lib", "next.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
if (builtAt < changedAt) {
  console.log(builtAt ? "Sources changed since the last build: rebuilding…" : "First start: building the web app (takes a minute)…");
  const build = spawnSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const bundle = ensureServerBundle(SERVER_ENTRIES.main);
// Stack traces point into the TypeScript sources (the bundle's linked source map, read on load).
process.setSourceMapsEnabled(true);
// Worker threads start their compiled bodies from the same bundle (server/compiled-workers.ts).
process.env[SERVER_BUNDLE_DIR_ENV] = SERVER_BUNDLE_DIR;
await import(pathToFileURL(bundle).href);
