// Starts the compaction worker from its TypeScript source (fold-worker-main.ts) in any worker (tsx,
// vitest, plain node) through tsx's API. A server running from its bundle starts the compiled copy
// instead (server/compiled-workers.ts), so its worker carries no TypeScript loader.
import { tsImport } from "tsx/esm/api";

await tsImport("./fold-worker-main.ts", import.meta.url);
