// Types for server-bundle.mjs, which TypeScript code (the bench, the tests) imports.
export const ROOT: string;
export const SERVER_BUNDLE_DIR: string;
export const SERVER_ENTRIES: { main: string; "sync-main": string };
export const WORKER_ENTRIES: Record<string, string>;
export const SERVER_BUNDLE_DIR_ENV: string;
export function bundlePath(entry: string): string;
export function bundleIsStale(entry: string): boolean;
export function buildBundles(options?: { entries?: string[]; workers?: Record<string, string>; outdir?: string; outbase?: string }): Promise<void>;
export function ensureServerBundle(entry: string): string;
/** `source` with Prisma's import of its base64 query compiler replaced by a read of the same file. */
export function readWasmBase64Instead(source: string): string;
