// The production server runs as plain JavaScript bundled by esbuild, not through tsx's loader: the
// loader thread and the transformed sources it keeps (with inline source maps) cost 30–45 MB of RSS
// in every server process (docs/performance.md, "Memory of the sync server"). `npm run dev` and the
// tests keep tsx. Packages stay external (node_modules is loaded as usual); only our own TypeScript
// (server/, lib/, the generated Prisma client) is bundled, with a linked source map for stack traces.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SERVER_BUNDLE_DIR = join(ROOT, "dist", "server");

/** The production entry points: `npm start` (server/main.ts) and `npm run sync` (server/sync-main.ts). */
export const SERVER_ENTRIES = { main: "server/main.ts", "sync-main": "server/sync-main.ts" };

/**
 * Worker threads' bodies, bundled beside the server as worker-<name>.mjs: a server running from the
 * bundle starts them compiled (server/compiled-workers.ts), not through tsx.
 */
export const WORKER_ENTRIES = { fold: "server/sync/fold-worker-main.ts", render: "server/export/render-worker-main.ts" };

/** The environment variable that tells a bundled server's code where its bundle is (server/compiled-workers.ts). */
export const SERVER_BUNDLE_DIR_ENV = "PARLEY_SERVER_BUNDLE_DIR";

/** What a bundle is built from: if any of it is newer than the bundle, the bundle is stale. */
const INPUTS = ["server", "lib", "prisma", "package-lock.json", "tsconfig.json", "scripts/server-bundle.mjs"];

/** Where `entry` (a path relative to the project root) is bundled to. */
export function bundlePath(entry) {
  return join(SERVER_BUNDLE_DIR, relative("server", entry).replace(/\.[cm]?tsx?$/, ".mjs"));
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when `entry`'s bundle is missing or older than any of the sources it may include. */
export function bundleIsStale(entry) {
  const output = bundlePath(entry);
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > builtAt);
}

/**
 * Prisma's generated client imports its query compiler's WebAssembly as an ES module holding it in
 * base64. A module stays loaded for the life of the process, so its 2.3 MB source and the string it
 * exports would stay in the heap long after the compiler is compiled. The bundle reads the same file
 * as text instead and keeps nothing once the module is compiled; a file not in the expected shape
 * falls back to the import.
 */
const PRISMA_WASM_IMPORT = /await import\(("@prisma\/client\/runtime\/[\w.-]+\.wasm-base64\.mjs")\)/g;

export function readWasmBase64Instead(source) {
  return source.replace(
    PRISMA_WASM_IMPORT,
    (_, specifier) =>
      `await import("node:fs/promises").then(({ readFile }) => readFile(new URL(import.meta.resolve(${specifier})), "utf8")).then((text) => { const found = /^const wasm = "([A-Za-z0-9+/=]+)";/.exec(text); return found ? { wasm: found[1] } : import(${specifier}); })`,
  );
}

/**
 * Sources find files beside them through `import.meta.url` (migrations, worker scripts, the project
 * root). In a bundle that URL is the bundle's, so each use is rewritten to the URL of the source file
 * it was written in, relative to where the bundle lands (the project can still be moved as a whole).
 * Prisma's generated client also loads its query compiler differently (readWasmBase64Instead).
 */
function sourceUrlPlugin(outputDir) {
  return {
    name: "source-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.(m?ts|tsx|m?js)$/ }, (args) => {
        if (args.path.split(sep).includes("node_modules")) return undefined;
        const source = readFileSync(args.path, "utf8");
        const wasmRead = readWasmBase64Instead(source);
        if (!wasmRead.includes("import.meta.url") && wasmRead === source) return undefined;
        const fromBundle = relative(outputDir, args.path).split(sep).join("/");
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        const loader = { ".ts": "ts", ".mts": "ts", ".tsx": "tsx" }[extname(args.path)] ?? "js";
        return { contents: wasmRead.replaceAll("import.meta.url", url), loader };
      });
    },
  };
}

/**
 * Bundles `entries` (paths relative to the project root, under `outbase`) and `workers` (name → path,
 * written as worker-<name>.mjs) into `outdir`; by default the production entry points and worker
 * bodies into dist/server/. Code splitting keeps the lazy `import()`s lazy: without it esbuild would
 * hoist the packages they load (PGlite, Redis, piscina) to the bundle's top. Chunks land beside the entries, so the rewritten
 * `import.meta.url`s hold for every file. Each file is written under a temporary name and renamed
 * (entries last), so a process starting meanwhile never loads half a build; files of older builds go.
 */
export async function buildBundles({ entries = Object.values(SERVER_ENTRIES), workers = WORKER_ENTRIES, outdir = SERVER_BUNDLE_DIR, outbase = "server" } = {}) {
  const esbuild = await import("esbuild");
  // Every output lands directly in outdir (workers as worker-<name>), which the import.meta.url rewrite relies on.
  const entryPoints = [
    ...entries.map((entry) => ({ in: join(ROOT, entry), out: relative(outbase, entry).replace(/\.[cm]?tsx?$/, "") })),
    ...Object.entries(workers).map(([name, entry]) => ({ in: join(ROOT, entry), out: `worker-${name}` })),
  ];
  try {
    const result = await esbuild.build({
      entryPoints,
      outdir,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      write: false,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      sourcemap: "linked",
      // Stack traces need only the mappings; the sources are in the checkout (and would cost memory once loaded).
      sourcesContent: false,
      tsconfig: join(ROOT, "tsconfig.json"),
      logLevel: "warning",
      plugins: [sourceUrlPlugin(outdir)],
    });
    mkdirSync(outdir, { recursive: true });
    const entryOutputs = new Set(entryPoints.map((entry) => join(outdir, `${entry.out}.mjs`)));
    const ordered = [...result.outputFiles].sort((a, b) => Number(entryOutputs.has(a.path)) - Number(entryOutputs.has(b.path)));
    for (const file of ordered) {
      writeFileSync(`${file.path}.tmp`, file.contents);
      renameSync(`${file.path}.tmp`, file.path);
    }
    const written = new Set(ordered.map((file) => file.path));
    for (const name of readdirSync(outdir)) {
      const path = join(outdir, name);
      if (/\.mjs(\.map)?$/.test(name) && !written.has(path)) rmSync(path);
    }
  } finally {
    await esbuild.stop();
  }
}

/**
 * Rebuilds the production bundles if `entry`'s is stale, in a child process so the server that
 * follows never holds esbuild, and returns the path of `entry`'s bundle.
 */
export function ensureServerBundle(entry) {
  if (bundleIsStale(entry)) {
    console.log("Building the server bundle…");
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build-server.mjs")], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error(`Building the server failed (exit ${build.status}).`);
  }
  return bundlePath(entry);
}
