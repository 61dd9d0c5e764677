// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded PGlite database).
import { loadConfig } from "../server/config";
import { openDatabase } from "../server/persistence/connect";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR });
try {
  const report = await database.migrate();
  console.log(`${database.kind} at ${database.location}`);
  console.log(report.applied.length ? `Applied: ${report.applied.join(", ")}` : "Already up to date.");
  if (report.alreadyApplied) console.log(`${report.alreadyApplied} migration(s) were already applied.`);
  for (const name of report.modified) console.warn(`Warning: ${name} changed after it was applied.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
