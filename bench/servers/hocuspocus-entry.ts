/**
 * The peer: Hocuspocus 3.4.4 with @hocuspocus/extension-database storing each document's whole Yjs
 * state in the same PostgreSQL as Parley (table hocuspocus_documents), at its default debounce
 * (2 s, at most 10 s). PORT and DATABASE_URL from the env.
 */
import { Database } from "@hocuspocus/extension-database";
import { Server } from "@hocuspocus/server";
import pg from "pg";
import { installHeapProbe } from "./heap-probe";
import { HOCUSPOCUS_TABLE } from "./peer-tables";


installHeapProbe();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS ${HOCUSPOCUS_TABLE} (name text PRIMARY KEY, data bytea NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);

const server = new Server({
  port: Number(process.env.PORT),
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: false,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM ${HOCUSPOCUS_TABLE} WHERE name = $1`, [documentName]);
        return rows[0] ? new Uint8Array(rows[0].data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `INSERT INTO ${HOCUSPOCUS_TABLE} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
          [documentName, state],
        );
      },
    }),
  ],
});
await server.listen();
console.log(`hocuspocus ready on ${process.env.PORT}`);
process.once("SIGTERM", () => void server.destroy().finally(() => process.exit(0)));
