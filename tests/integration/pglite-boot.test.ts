/**
 * Zero-configuration start: no DATABASE_URL, so Parley boots on embedded PGlite in its data directory,
 * migrates it, seeds the demo board, and finds everything again on the next start.
 */
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BOARD_ID } from "@/prisma/seed/demo-board";
import type { RunningParley } from "@/server/parley";
import { addTestArgument, boardAsServedBy, openClient, saved } from "./support/board";
import { fetchHealth, makeTempDir, startSyncServer } from "./support/server";

describe("PGlite: the zero-configuration database", () => {
  const dataDir = makeTempDir("parley-pglite-boot-");
  let server: RunningParley | undefined;

  afterAll(async () => {
    await server?.close();
    dataDir.remove();
  });

  async function boot(): Promise<string[]> {
    const log: string[] = [];
    server = await startSyncServer({ dataDir: dataDir.path, log: (line) => log.push(line) });
    return log;
  }

  // Two cold PGlite boots: on a busy 2-core machine (the kill -9 test starts servers alongside) that
  // took over 60 s once; the limit is only there to end a hung run.
  it("boots, migrates, seeds the demo board, and keeps an edit across a restart without migrating again", { timeout: 180_000 }, async () => {
    const firstLog = await boot();
    expect(firstLog.join("\n")).toMatch(/using embedded PGlite/);
    expect(firstLog.join("\n")).toMatch(/Applied migrations: 20261127210000_init, 20261127210100_source_documents_immutable/);
    expect(firstLog).toContain("Created the demo board at /b/demo");
    expect((await fetchHealth(server!)).body.database).toMatchObject({ kind: "pglite", reachable: true });

    const alice = await openClient(server!.url, DEMO_BOARD_ID);
    const added = addTestArgument(alice.doc, { text: "Saved in PGlite." });
    await saved(alice);
    alice.destroy();
    await server!.close();
    server = undefined;

    const secondLog = await boot();
    expect(secondLog.join("\n")).not.toMatch(/Applied migrations/);
    expect(secondLog.join("\n")).not.toMatch(/Created the demo board/);
    expect(secondLog.join("\n")).not.toMatch(/Warning/);
    const board = await boardAsServedBy(server!.url, DEMO_BOARD_ID);
    expect(board.arguments).toContainEqual(added);
  });
});
