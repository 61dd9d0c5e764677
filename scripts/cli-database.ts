import { loadConfig } from "../server/config";
import { openDatabase } from "../server/persistence/connect";
import { PrismaBoardStore } from "../server/persistence/prisma-board-store";
import type { BoardStore } from "../server/persistence/board-store";

/**
 * Opens the configured database for a command-line tool, migrated and ready, and closes it after.
 * Embedded PGlite allows one process at a time: stop the server first, or the tool refuses to start.
 */
export async function withStore<T>(work: (store: BoardStore, origin: string) => Promise<T>, env: Record<string, string | undefined> = process.env): Promise<T> {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR }).catch((error: Error) => {
    const hint = config.DATABASE_URL ? "" : " (with the embedded database, stop the Parley server first: only one process can open it)";
    throw new Error(`could not open the database${hint}: ${error.message}`);
  });
  try {
    await database.migrate();
    return await work(new PrismaBoardStore(database), `http://localhost:${config.PORT}`);
  } finally {
    await database.close();
  }
}

/** Prints a one-line error and exits 1 (or 2 for bad usage). */
export function fail(message: string, code = 1): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
