import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
// Types only: the route bundles must not pull in the limiter or Redis packages.
import type { AddressBudget, Limits } from "../sync/limits";

/**
 * Per-IP budgets for the HTTP API (joining a board, creating boards). Next's route bundles hold their
 * own copy of this module, so the running server's limits travel on globalThis, like the AppContext.
 */
const KEY = Symbol.for("parley.request-limits");
type Holder = { [KEY]?: Limits };

/**
 * The header carrying the client's address from our HTTP server to the route handlers. It is always
 * overwritten (never read from the client): Next only fills X-Forwarded-For when it is absent, so that
 * header is whatever the client claimed.
 */
export const CLIENT_ADDRESS_HEADER = "x-parley-client-address";

export function setRequestLimits(limits: Limits | undefined): void {
  (globalThis as Holder)[KEY] = limits;
}

/** Records the client's address on an incoming request (mutates `req`), before Next sees it. */
export function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustProxy);
}

/** Spends one unit of the request's address's `budget`; throws `rate-limited` when it is spent. */
export async function limitRequest(request: Request, budget: AddressBudget): Promise<void> {
  const limits = (globalThis as Holder)[KEY];
  if (!limits) return; // no server running (a script calling a use-case directly)
  const verdict = await limits.address(budget, request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown");
  if (!verdict.ok) throw verdict.error;
}

/**
 * The client's IP address: the socket's peer, or (when `trustProxy` is on, behind a reverse proxy that
 * appends to X-Forwarded-For) the last address in that header, which is the one our proxy saw. Earlier
 * entries are whatever the client claimed and are never trusted.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
    const last = header.split(",").map((part) => part.trim()).filter(Boolean).pop();
    if (last) return addressKey(last);
  }
  return peer ? addressKey(peer) : "unknown";
}

/**
 * The key an address is counted under. One IPv6 home or phone connection holds a whole /64 and can
 * pick a fresh address for every request, so IPv6 counts by its /64 network; an IPv4-mapped IPv6
 * address (`::ffff:10.0.0.7`, how a dual-stack server sees IPv4 peers) counts as its IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const front = head ? head.split(":") : [];
  const back = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = [...front, ...Array(8 - front.length - back.length).fill("0"), ...back];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
