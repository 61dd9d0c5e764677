#!/usr/bin/env node
// The server Playwright tests run against: a freshly created PostgreSQL database (parley_e2e, or
// parley_e2e_<port> off the default port, dropped and recreated on every run) unless DATABASE_URL is given, then `npm start`'s own start-up path.
import { spawn } from "node:child_process";
import pg from "pg";

const adminUrl = process.env.PARLEY_TEST_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const env = { ...process.env, PARLEY_IDLE_UNLOAD_MS: "2000" };
// Two checkouts may run their suites side by side on different ports: each gets its own database.
const database = !process.env.PORT || process.env.PORT === "3100" ? "parley_e2e" : `parley_e2e_${Number(process.env.PORT)}`;

if (!process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.error(`End-to-end tests need PostgreSQL at ${adminUrl} (${error.message}).`);
    process.exit(1);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  env.DATABASE_URL = url.toString();
}

const server = spawn(process.execPath, [new URL("./start.mjs", import.meta.url).pathname], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
