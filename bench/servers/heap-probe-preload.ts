// Loaded with `node --import` ahead of Parley's `scripts/sync.mjs` (exactly what `npm run sync` runs),
// so the bench's heap probe is there without a wrapper entry of Parley's own.
import { installHeapProbe } from "./heap-probe";

installHeapProbe();
