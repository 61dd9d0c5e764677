import { openDatabase } from "@/server/persistence/connect";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { defineStoreContract } from "./store-contract";
import { makeTempDir } from "./support/server";

defineStoreContract("PGlite", async () => {
  const dir = makeTempDir("parley-store-pglite-");
  const database = await openDatabase({ dataDir: dir.path });
  await database.migrate();
  return {
    database,
    store: new PrismaBoardStore(database),
    cleanup: async () => {
      await database.close();
      dir.remove();
    },
  };
});
