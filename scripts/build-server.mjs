#!/usr/bin/env node
// `npm run build:server` (also part of `npm run build`, and run by `npm start` / `npm run sync` when
// the bundle is stale): bundles the production server with esbuild into dist/server/ (server-bundle.mjs).
import { buildBundles } from "./server-bundle.mjs";

await buildBundles();
