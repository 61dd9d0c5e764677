import { loadConfig } from "./config";
import { startParley } from "./parley";
import { guardProcess } from "./process-guards";

// `npm start` (production) and `npm run dev` (--dev: Next.js with hot reload) both land here.
const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });

try {
  const parley = await startParley({ config: loadConfig(), mode: "full", dev });
  guardProcess(process, { name: "parley", shutdown: () => parley.close() });
  const stop = async (signal: string) => {
    console.log(`${signal}: saving boards and shutting down…`);
    await parley.close().catch((error: unknown) => console.error("[parley] shutdown failed:", error));
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  console.error(`Parley could not start: ${(error as Error).message}`);
  process.exit(1);
}
