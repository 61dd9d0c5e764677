import { openDatabase } from "@/server/persistence/connect";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { defineStoreContract } from "./store-contract";
import { createTestDatabase } from "./support/database";

defineStoreContract("PostgreSQL", async () => {
  const testDb = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: testDb.url, dataDir: "unused" });
  await database.migrate();
  return {
    database,
    store: new PrismaBoardStore(database),
    cleanup: async () => {
      await database.close();
      await testDb.drop();
    },
  };
});
