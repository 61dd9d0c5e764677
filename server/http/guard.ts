import { ParleyError } from "../../lib/errors/errors";
import type { ReadCredentials } from "../boards/read-access";
import { limitRequest } from "./rate-limit";
import { bearer } from "./respond";

/**
 * The edge checks every state-changing request passes before its body is read. A browser on another
 * site can send a POST with a `text/plain` body and no preflight, carrying the visitor's network
 * position; it always adds an `Origin` header, so a foreign origin is refused, and JSON endpoints
 * accept only `application/json` (which no page can send cross-site without a preflight we never grant).
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Extra origins allowed to write (PARLEY_CORS_ORIGIN, comma-separated), read per call so tests and restarts see changes. */
function configuredOrigins(): string[] {
  return (process.env.PARLEY_CORS_ORIGIN ?? "")
    .split(",")
    .map((origin) => origin.trim().replace(/\/$/, ""))
    .filter(Boolean);
}

/** The host this request was addressed to (a reverse proxy's forwarded host first). */
function ownHost(request: Request): string {
  return request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host") || new URL(request.url).host;
}

/** Refuses a state-changing request sent by a page on another site (no Origin header: not a browser, allowed). */
export function requireSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin === null) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a file) or garbage: never ours
  }
  if (host !== null && host.toLowerCase() === ownHost(request).toLowerCase()) return;
  if (configuredOrigins().includes(origin.replace(/\/$/, ""))) return;
  throw new ParleyError("forbidden", "Requests from other sites may not change anything on Parley.");
}

/** The media type of the body, without parameters, lower-cased ("" when absent). */
function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** For JSON endpoints: same origin, and a body declared as `application/json`. */
export function requireJsonWrite(request: Request): void {
  requireSameOrigin(request);
  if (mediaType(request) !== "application/json") {
    throw new ParleyError("bad-request", "Send the request body as JSON, with Content-Type: application/json.");
  }
}

/**
 * How a reader identifies on a GET: a member token as `Authorization: Bearer …`, and an invite or the
 * join code as the `invite` / `code` query parameters (the same ones the board's links carry).
 */
export function readCredentials(request: Request): ReadCredentials {
  const query = new URL(request.url).searchParams;
  return {
    memberToken: bearer(request),
    invite: query.get("invite")?.trim().slice(0, 128) || null,
    joinCode: query.get("code")?.trim().slice(0, 16) || null,
  };
}

/**
 * readCredentials for a route that reads a board: a join code presented there is a guess like any
 * join (`?code=` on a known board id would otherwise be an unthrottled oracle), so it spends the
 * sender's join budget (`rate-limited` once spent, even for the right code).
 */
export async function readCredentialsCharged(request: Request): Promise<ReadCredentials> {
  const credentials = readCredentials(request);
  if (credentials.joinCode) await limitRequest(request, "join");
  return credentials;
}
