import type { IncomingMessage } from "node:http";
import type { Namespace, Socket } from "socket.io";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import { clientAddress } from "../http/rate-limit";
import { refuseConnection, type Connection, type SyncResult } from "./connection";
import type { LimitVerdict, Limits } from "./limits";

/**
 * The socket side of the abuse limits (server/sync/limits.ts holds the budgets): who may connect,
 * join and send how much. Kept apart from socket-adapter.ts, which only routes messages.
 */

/** An engine.io connection as it arrives: the HTTP request that opened it, still referenced. */
interface RawConnection {
  remoteAddress: string;
  request: IncomingMessage | null;
  transport: { name: string };
}

/**
 * Each transport connection's client address, read from the HTTP request that opened it the moment
 * it opens. engine.io's reference to the request is then dropped (Socket.io's documented memory tip):
 * that frees a long-polling connection's request; a WebSocket's upgrade request stays reachable from
 * engine.io's own upgrade response for the connection's life (docs/performance.md, 30 November
 * evening). The address is all Parley takes from the handshake; joins carry everything else.
 */
const addresses = new WeakMap<object, string>();

function rememberAddressesAndDropRequests(namespace: Namespace, trustProxy: boolean): void {
  namespace.server.engine.on("connection", (raw: RawConnection) => {
    const request = raw.request;
    addresses.set(raw, clientAddress(raw.remoteAddress, request?.headers["x-forwarded-for"], trustProxy));
    raw.request = null;
    if (request && raw.transport.name === "websocket") releaseUpgradeHeaders(request);
  });
}

/**
 * A WebSocket's upgrade request stays reachable for the connection's life (engine.io's upgrade
 * response listens for the TCP socket's close), and with it every header the browser sent. Nothing
 * reads them once the connection is open (its address is kept above), so they go: ~1 KB of heap per
 * connection. A long-polling request is left alone: it is dropped whole, and its response may still
 * be writing. The same request object never serves another connection (one upgrade, one connection).
 */
function releaseUpgradeHeaders(request: IncomingMessage): void {
  request.headers = {};
  request.rawHeaders = [];
  (request as IncomingMessage & { _query?: unknown })._query = {};
}

/** Refuses a new socket when its address already holds too many (the client sees a connect_error). */
export function limitConnections(namespace: Namespace, limits: Limits): void {
  const { settings } = limits;
  rememberAddressesAndDropRequests(namespace, settings.trustProxy);
  namespace.use((socket, next) => {
    const ip = addresses.get(socket.conn) ?? clientAddress(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], settings.trustProxy);
    if (!limits.seats.connect(ip, settings.maxConnectionsPerIp)) {
      const error = new ParleyError("rate-limited", `Too many open connections from your network (at most ${settings.maxConnectionsPerIp}).`);
      return next(Object.assign(new Error(error.message), { data: toErrorPayload(error) }));
    }
    socket.data.ip = ip;
    next();
  });
}

/** Spends the per-IP join budget (every join event counts: guessing codes is many joins); the refusal, or null. */
export async function spendJoin(limits: Limits, ip: string): Promise<ParleyError | null> {
  const verdict = await limits.address("join", ip);
  return verdict.ok ? null : verdict.error;
}

/** A seat on the board for this connection; the refusal when the board is full, or null. */
export function takeSeat(limits: Limits, connectionId: string, boardId: string): ParleyError | null {
  const max = limits.settings.maxConnectionsPerBoard;
  if (limits.seats.sit(connectionId, boardId, max)) return null;
  return new ParleyError("rate-limited", `This board is full (at most ${max} connections). Try again when someone leaves.`);
}

/**
 * Every command spends the connection's command budget; a vote also spends the vote budget of the
 * member behind it, shared by all their connections (each vote is a database write, and one person
 * may open many connections). A guest without a member id spends their connection's.
 */
export async function spendCommand(limits: Limits, connection: Pick<Connection, "id" | "actor">, payload: unknown): Promise<LimitVerdict> {
  const verdict = await limits.connection("command", connection.id);
  if (!verdict.ok || (payload as { type?: unknown } | null)?.type !== "vote") return verdict;
  return limits.connection("vote", connection.actor.memberId ? `member:${connection.actor.memberId}` : connection.id);
}

/**
 * The answer to a message over its budget: `rate-limited`, which the caller sends in the ack (or as an
 * error event when there is none). `rate-limited` leaves the connection open (ERROR_TABLE), but a
 * flood (many times the budget in one window) ends it, and an acknowledged sender hears it as an
 * error event too, just before the close.
 */
export function overLimit(connection: Connection, verdict: Extract<LimitVerdict, { ok: false }>, acked: boolean): SyncResult {
  const payload = toErrorPayload(verdict.error);
  if (verdict.flood) {
    if (acked) connection.sendError(payload);
    connection.close();
  }
  return { ok: false, ...payload };
}

/** Closes a socket that connected but never joined a board in time (it holds a connection slot for nothing). */
export function missedJoinDeadline(socket: Socket, connection: Connection, deadlineMs: number, joined: boolean): void {
  if (!socket.connected || joined) return;
  refuseConnection(connection, new ParleyError("not-joined", `Join a board within ${deadlineMs / 1000} s of connecting.`));
}
