/**
 * Exports have two render pools: pictures (PNG, PDF, SVG, revision plans) and the rest (text exports,
 * imports, the evidence report). A full picture pool refuses another picture at once, but a text
 * export still runs: it never queues behind a PNG that takes seconds on a big board.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors/errors";
import { createExportService, type ExportService } from "@/server/export/export-service";
import type { RunningParley } from "@/server/parley";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startSyncServer } from "./support/server";

const OPTIONS = { origin: "http://localhost:3000", includeVotes: false };

describe("export lanes", { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let server: RunningParley;
  let service: ExportService;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url });
    // One running task per pool and no queue: a second picture at once is refused.
    service = createExportService(server.context.store, { maxThreads: 1, maxQueue: 0 });
  });
  afterAll(async () => {
    await service?.close();
    await server?.close();
    await db?.drop();
  });

  it("answers a text export while the picture pool is full", async () => {
    const pictures = Promise.allSettled([service.render("demo", "png", OPTIONS), service.render("demo", "png", OPTIONS)]);
    const markdown = await service.render("demo", "markdown", OPTIONS);
    expect(new TextDecoder().decode(markdown.body as Uint8Array)).toContain("# ");
    const outcomes = await pictures;
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(ParleyError.is(refused[0].reason) && refused[0].reason.code).toBe("rate-limited");
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });
});
