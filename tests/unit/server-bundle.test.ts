/**
 * The production start path (issue 11, memory): `npm run sync` and `npm start` run the server from
 * its esbuild bundle in dist/server/, never through tsx's loader, and the bundle keeps what the
 * sources rely on: lazy imports stay lazy, and files found beside a source through import.meta.url
 * are still found.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Piscina } from "piscina";
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, SERVER_BUNDLE_DIR_ENV, SERVER_ENTRIES, bundleIsStale, bundlePath, buildBundles, readWasmBase64Instead } from "@/scripts/server-bundle.mjs";
import { foldUpdates } from "@/lib/board/snapshot";
import { SERVER_BUNDLE_DIR_ENV as SERVER_SIDE_ENV, workerScript } from "@/server/compiled-workers";
import { toArgdown } from "@/lib/export/argdown";
import { demoExportBoard } from "./support/export-fixture";

const scratch = mkdtempSync(join(tmpdir(), "parley-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Every package and file a bundle file imports statically, following its own chunks; with `dynamic`,
 * its `import()`s of its own chunks too.
 */
function staticImports(file: string, seen = new Set<string>(), dynamic = false): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  const targets = [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gms)].map((match) => match[1] ?? match[2]);
  if (dynamic) targets.push(...[...source.matchAll(/\bimport\("(\.\/[^"]+)"\)/g)].map((match) => match[1]));
  for (const target of targets) {
    if (target.startsWith("./")) for (const name of staticImports(join(file, "..", target), seen, dynamic)) packages.add(name);
    else packages.add(target);
  }
  return packages;
}

describe("the server bundle", () => {
  it("npm start and npm run sync go through the start scripts, not tsx", () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(scripts.start).toBe("node scripts/start.mjs");
    expect(scripts.sync).toBe("node scripts/sync.mjs");
    expect(scripts.build).toContain("scripts/build-server.mjs");
  });

  it("keeps the sync server's lazy imports lazy and finds the files its sources find beside them", async () => {
    const outdir = join(scratch, "server");
    await buildBundles({ outdir });
    const eager = staticImports(join(outdir, "sync-main.mjs"));
    expect(eager).toContain("socket.io");
    for (const lazy of ["@electric-sql/pglite", "pglite-prisma-adapter", "redis", "@socket.io/redis-streams-adapter", "piscina", "next", "tsx"]) {
      expect(eager, lazy).not.toContain(lazy);
    }
    // import.meta.url now names the source file it was written in, relative to the bundle file.
    const file = bundleFileDefining(outdir, "MIGRATIONS_DIR");
    const written = /new URL\("([^"]+migrate\.ts)", import\.meta\.url\)/.exec(readFileSync(file, "utf8"))?.[1];
    expect(written).toBeDefined();
    expect(new URL(written!, pathToFileURL(file)).href).toBe(pathToFileURL(join(ROOT, "server/persistence/migrate.ts")).href);
  });

  it("reads Prisma's query compiler from its file rather than keeping its base64 module loaded", async () => {
    const client = readFileSync(join(ROOT, "server/persistence/generated/internal/class.ts"), "utf8");
    const specifier = /import\("(@prisma\/client\/runtime\/[^"]+\.wasm-base64\.mjs)"\)/.exec(client)?.[1];
    expect(specifier, "the generated client imports its compiler as base64").toBeDefined();
    // The same kind of call, rewritten, must give exactly the module's base64 (Prisma's file keeps the expected shape).
    const rewritten = readWasmBase64Instead(`export async function load() {\n  const { wasm } = await import("${specifier}");\n  return wasm;\n}\n`);
    expect(rewritten).not.toContain(`await import("${specifier}")`);
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    const dir = mkdtempSync(join(ROOT, "dist", "test-wasm-"));
    try {
      writeFileSync(join(dir, "load.mjs"), rewritten);
      const { load } = (await import(/* @vite-ignore */ pathToFileURL(join(dir, "load.mjs")).href)) as { load: () => Promise<string> };
      const { wasm } = (await import(/* @vite-ignore */ specifier!)) as { wasm: string };
      expect(await load()).toBe(wasm);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bundles the compaction worker's body, which folds without tsx", async () => {
    // Inside the project, where its packages resolve (packages stay external).
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    const outdir = mkdtempSync(join(ROOT, "dist", "test-workers-"));
    try {
      await foldsInCompiledWorker(outdir);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  async function foldsInCompiledWorker(outdir: string): Promise<void> {
    await buildBundles({ outdir });
    const body = join(outdir, "worker-fold.mjs");
    expect(staticImports(body)).not.toContain("tsx/esm/api");
    expect([...staticImports(body)].filter((name) => name.includes("tsx"))).toEqual([]);

    const doc = new Y.Doc();
    const parts: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => parts.push(update));
    doc.getMap("m").set("a", 1);
    doc.getMap("m").set("b", 2);
    const packed = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    parts.reduce((offset, part) => (packed.set(part, offset), offset + part.byteLength), 0);
    const worker = new Worker(pathToFileURL(body));
    try {
      const reply = await new Promise<{ ok: boolean; folded: Uint8Array }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage({ id: 1, packed, lengths: parts.map((part) => part.byteLength) });
      });
      expect(reply.ok).toBe(true);
      expect(Buffer.from(reply.folded)).toEqual(Buffer.from(foldUpdates(parts)));
    } finally {
      await worker.terminate();
    }
  }

  it("bundles the export worker's body, which draws and parses without tsx", async () => {
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    const outdir = mkdtempSync(join(ROOT, "dist", "test-workers-"));
    try {
      await rendersInCompiledWorker(outdir);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 180_000);

  async function rendersInCompiledWorker(outdir: string): Promise<void> {
    await buildBundles({ outdir });
    const body = join(outdir, "worker-render.mjs");
    expect([...staticImports(body, new Set(), true)].filter((name) => name.includes("tsx"))).toEqual([]);

    // Each task a named export of the body, as the render pool runs it (piscina).
    const pool = new Piscina({ filename: pathToFileURL(body).href, maxThreads: 1 });
    try {
      const board = demoExportBoard();
      const pdf = (await pool.run({ board, options: {}, picture: { layout: "map", collapsed: [] } }, { name: "pdf" })) as Uint8Array;
      expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      const png = (await pool.run({ board, options: {}, picture: { layout: "map", collapsed: [] } }, { name: "png" })) as Uint8Array;
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
      const parsed = (await pool.run(toArgdown(board), { name: "argdown" })) as { ok: boolean; board: { arguments: unknown[] } };
      expect(parsed.ok).toBe(true);
      expect(parsed.board.arguments).toHaveLength(14);
    } finally {
      await pool.destroy();
    }
  }

  it("a bundled server starts its workers' compiled bodies, any other their sources", () => {
    expect(SERVER_SIDE_ENV).toBe(SERVER_BUNDLE_DIR_ENV);
    const source = new URL("file:///project/server/sync/fold-worker.mjs");
    const before = process.env[SERVER_BUNDLE_DIR_ENV];
    try {
      delete process.env[SERVER_BUNDLE_DIR_ENV];
      expect(workerScript("fold", source)).toBe(source);
      writeFileSync(join(scratch, "worker-fold.mjs"), "");
      process.env[SERVER_BUNDLE_DIR_ENV] = scratch;
      expect(workerScript("fold", source).href).toBe(pathToFileURL(join(scratch, "worker-fold.mjs")).href);
      expect(workerScript("missing", source)).toBe(source);
    } finally {
      if (before === undefined) delete process.env[SERVER_BUNDLE_DIR_ENV];
      else process.env[SERVER_BUNDLE_DIR_ENV] = before;
    }
  });

  it("npm run sync serves from the bundle (built first if stale) without loading tsx or any TypeScript source", async () => {
    // A loader hook that logs every module the process loads.
    const log = join(scratch, "loaded.txt");
    writeFileSync(log, "");
    const hooks = join(scratch, "hooks.mjs");
    writeFileSync(hooks, `import { appendFileSync } from "node:fs";\nexport async function resolve(specifier, context, next) {\n  const resolved = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");\n  return resolved;\n}\n`);
    const preload = join(scratch, "preload.mjs");
    writeFileSync(preload, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

    const child = spawn(process.execPath, ["--import", pathToFileURL(preload).href, "scripts/sync.mjs"], {
      cwd: ROOT,
      // An unreachable database: the server listens at once and keeps retrying the database.
      env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none", PARLEY_SEED_DEMO: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const deadline = Date.now() + 60_000;
    while (!output.includes("Listening on") && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill("SIGKILL");
    expect(output).toContain("Listening on");

    expect(bundleIsStale(SERVER_ENTRIES["sync-main"])).toBe(false);
    const loaded = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(loaded).toContain(pathToFileURL(bundlePath(SERVER_ENTRIES["sync-main"])).href);
    expect(loaded.filter((url) => /\.tsx?$/.test(url) || url.includes("/node_modules/tsx/"))).toEqual([]);
  }, 90_000);
});

/** The bundle file (entry or chunk) that defines `name`. */
function bundleFileDefining(outdir: string, name: string): string {
  const file = readdirSync(outdir).find((entry) => entry.endsWith(".mjs") && readFileSync(join(outdir, entry), "utf8").includes(`var ${name} =`));
  if (!file) throw new Error(`No bundle file defines ${name}.`);
  return join(outdir, file);
}
