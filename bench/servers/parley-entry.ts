// Parley's sync server exactly as `npm run sync` runs it (server/sync-main.ts), plus the bench's heap probe.
import { installHeapProbe } from "./heap-probe";

installHeapProbe();
await import("../../server/sync-main");
