import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Set by scripts/start.mjs and scripts/sync.mjs when the server runs from its esbuild bundle: the
 * bundle's directory. Worker threads then start their compiled bodies (worker-<name>.mjs, built with
 * the server by scripts/server-bundle.mjs) rather than loading TypeScript through tsx, whose loader
 * costs each worker tens of MB.
 */
export const SERVER_BUNDLE_DIR_ENV = "PARLEY_SERVER_BUNDLE_DIR";

/** The compiled body of worker `name` when the server runs from its bundle, else `source` (through tsx). */
export function workerScript(name: string, source: URL): URL {
  const dir = process.env[SERVER_BUNDLE_DIR_ENV];
  const compiled = dir ? join(dir, `worker-${name}.mjs`) : null;
  return compiled && existsSync(compiled) ? pathToFileURL(compiled) : source;
}
