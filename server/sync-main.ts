import { loadConfig } from "./config";
import { startParley } from "./parley";
import { guardProcess } from "./process-guards";

// The sync server on its own (`npm run sync`), e.g. several of these behind a load balancer with REDIS_URL.
try {
  const parley = await startParley({ config: loadConfig(), mode: "sync" });
  guardProcess(process, { name: "sync server", shutdown: () => parley.close() });
  const stop = async () => {
    await parley.close().catch((error: unknown) => console.error("[parley] shutdown failed:", error));
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  console.error(`Parley's sync server could not start: ${(error as Error).message}`);
  process.exit(1);
}
