#!/usr/bin/env node
// `npm run sync`: the sync server on its own, run from its esbuild bundle (rebuilt first if a source
// changed since; see server-bundle.mjs). The bundle runs in this process: no second Node process.
import { pathToFileURL } from "node:url";
import { SERVER_BUNDLE_DIR, SERVER_BUNDLE_DIR_ENV, SERVER_ENTRIES, ensureServerBundle } from "./server-bundle.mjs";

const bundle = ensureServerBundle(SERVER_ENTRIES["sync-main"]);
// Stack traces point into the TypeScript sources (the bundle's linked source map, read on load).
process.setSourceMapsEnabled(true);
// Worker threads start their compiled bodies from the same bundle (server/compiled-workers.ts).
process.env[SERVER_BUNDLE_DIR_ENV] = SERVER_BUNDLE_DIR;
await import(pathToFileURL(bundle).href);
