/**
 * What every drill phase shares: a fresh PostgreSQL database (created and dropped by the drill), the
 * drill's own store on it for creating boards and reading what is really stored, and the figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Y from "yjs";
import { argumentsMap } from "../../lib/board/doc";
import { docFromParts } from "../../lib/board/snapshot";
import { openDatabase, type Database } from "../../server/persistence/connect";
import { PrismaBoardStore } from "../../server/persistence/prisma-board-store";
import { createArticleBoard } from "../../tests/integration/support/board";
import { createTestDatabase, queryDatabase, setDatabaseReachable, type TestDatabase } from "../../tests/integration/support/database";
import { argumentsJSON } from "../../tests/integration/support/fuzz-session";

/** One phase's figures: `mustBeZero` entries fail the drill when not 0; `converged` must be true. */
export interface PhaseFigures {
  phase: string;
  converged: boolean;
  mustBeZero: Record<string, number>;
  figures: Record<string, number | string>;
  notes: string[];
}

export class DrillContext {
  private constructor(
    readonly db: TestDatabase,
    private readonly database: Database,
    readonly store: PrismaBoardStore,
    readonly dataDir: string,
  ) {}

  static async open(): Promise<DrillContext> {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), "parley-drill-"));
    const database = await openDatabase({ databaseUrl: db.url, dataDir });
    await database.migrate();
    return new DrillContext(db, database, new PrismaBoardStore(database), dataDir);
  }

  newBoard(title: string): Promise<string> {
    return createArticleBoard(this.store, title);
  }

  /** The board as a fresh load from the database reads it. */
  async stored(boardId: string): Promise<{ json: string; ids: Set<string>; pending: boolean }> {
    const doc = docFromParts((await this.store.loadBoardState(boardId)).parts);
    const result = { json: argumentsJSON(doc), ids: new Set(argumentsMap(doc).keys()), pending: doc.store.pendingStructs !== null };
    doc.destroy();
    return result;
  }

  /**
   * When each argument's first update was stored (the log and its compacted history), or nothing for an
   * id never stored: tells an honest late ack (stored before a cut) from a false one.
   */
  async storedAt(boardId: string, ids: string[]): Promise<Map<string, Date>> {
    const found = new Map<string, Date>();
    const rows = await queryDatabase<{ data: Buffer; created_at: Date }>(
      this.db.url,
      `SELECT data, created_at FROM board_updates WHERE board_id = $1 UNION ALL SELECT data, created_at FROM board_update_history WHERE board_id = $1 ORDER BY created_at`,
      [boardId],
    );
    for (const row of rows) {
      for (const struct of Y.decodeUpdate(new Uint8Array(row.data)).structs) {
        const key = struct instanceof Y.Item ? struct.parentSub : null;
        if (key && ids.includes(key) && !found.has(key)) found.set(key, row.created_at);
      }
    }
    return found;
  }

  /** Refuses (false) or accepts (true) connections to the drill's database; refusing ends current ones. */
  reachable(yes: boolean): Promise<void> {
    return setDatabaseReachable(this.db.name, yes);
  }

  async close(): Promise<void> {
    await this.reachable(true).catch(() => undefined);
    await this.database.close().catch(() => undefined);
    await this.db.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
