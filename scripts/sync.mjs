#!/usr/bin/env node
// `npm run sync`: the sync server on its own, run from its esbuild bundle (rebuilt first if a source
// changed since; see server-bundle.mjs). The bundle runs in this process: no second Node process.
import { pathToFileURL } from "node:url";
import { SERVER_ENTRIES, ensureServerBundle } from "./server-bundle.mjs";

const bundle = ensureServerBundle(SERVER_ENTRIES["sync-main"]);
// Stack traces point into the TypeScript sources (the bundle's linked source map, read on load).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
