import type { Namespace, Socket } from "socket.io";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import { EVENTS, JoinRequestSchema, PROTOCOL_VERSION, type CommandAck, type JoinAck } from "../../lib/protocol/protocol";
import { asBytes } from "../../lib/protocol/sync-messages";
import { resolveActor } from "../boards/join-board";
import { clientAddress } from "../http/rate-limit";
import type { BoardStore } from "../persistence/board-store";
import type { BoardRoom } from "./board-room";
import { sendDrafts, sendRoster, sendVotes } from "./audience";
import { handleCommand } from "./commands";
import type { Connection, SyncResult } from "./connection";
import type { LimitVerdict, Limits } from "./limits";
import type { RoomManager } from "./room-manager";

type Ack<T> = ((answer: T) => void) | undefined;

/** Binds a Socket.io namespace to the rooms: the whole transport, per docs/protocol.md. */
export function attachSyncNamespace(namespace: Namespace, rooms: RoomManager, store: BoardStore, limits: Limits): void {
  const { settings } = limits;
  // Too many open sockets from one address: refused before any handler runs (the client's connect_error).
  namespace.use((socket, next) => {
    const ip = clientAddress(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], settings.trustProxy);
    if (!limits.seats.connect(ip, settings.maxConnectionsPerIp)) {
      const error = new ParleyError("rate-limited", `Too many open connections from your network (at most ${settings.maxConnectionsPerIp}).`);
      return next(Object.assign(new Error(error.message), { data: toErrorPayload(error) }));
    }
    socket.data.ip = ip;
    next();
  });

  namespace.on("connection", (socket) => {
    let room: BoardRoom | null = null;
    const connection = socketConnection(socket);
    const ip: string = socket.data.ip;
    const deadline = setTimeout(() => missedJoinDeadline(socket, connection, settings.joinDeadlineMs), settings.joinDeadlineMs);
    // Once a connection floods, whatever it still has in flight is dropped unanswered while it closes:
    // answering each of thousands of queued frames is what would slow everyone else down.
    let flooded = false;
    const cutOff = (verdict: LimitVerdict): boolean => {
      if (flooded) return true;
      if (!verdict.ok && verdict.flood) flooded = true; // this first flooding message is answered, then the close
      return false;
    };

    socket.on(EVENTS.join, async (request: unknown, ack: Ack<JoinAck>) => {
      const answer = (value: JoinAck) => (typeof ack === "function" ? ack(value) : undefined);
      const limited = await admitJoin(limits, socket.id, ip, request);
      if (limited) return answer(failure(limited));
      const parsed = JoinRequestSchema.safeParse(request);
      if (!parsed.success) return answer(failure(new ParleyError("bad-request", "A join needs { protocol, boardId }.")));
      if (parsed.data.protocol !== PROTOCOL_VERSION) {
        answer(failure(new ParleyError("protocol-mismatch", `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`)));
        return socket.disconnect(true);
      }
      if (room) {
        // A client that reloads after a refused update joins again on the same connection: same board, same answer.
        if (room.boardId === parsed.data.boardId) return answer(welcome(room.boardId, connection));
        return answer(failure(new ParleyError("bad-request", "This connection has already joined another board.")));
      }
      try {
        const board = await store.getBoard(parsed.data.boardId);
        if (!board) throw new ParleyError("board-not-found", `There is no board "${parsed.data.boardId}".`);
        connection.actor = await resolveActor(store, board, parsed.data.memberToken);
        const joined = await rooms.acquire(parsed.data.boardId);
        if (!socket.connected) return rooms.release(joined);
        room = joined;
        await socket.join(joined.boardId);
        joined.join(connection);
        answer(welcome(joined.boardId, connection));
        // What only this person may see, and (to facilitators) that someone new is here.
        void Promise.all([sendVotes(joined, store, connection), sendDrafts(joined, store, connection), sendRoster(joined, store)]).catch(() => undefined);
      } catch (error) {
        answer(failure(error));
      }
    });

    socket.on(EVENTS.sync, async (payload: unknown, ack: Ack<SyncResult>) => {
      const limited = await limits.connection("sync", connection.id);
      if (cutOff(limited)) return;
      // A refused edit loses nothing: the client's retry runs the handshake again, which resends it.
      const result = limited.ok ? await routeSync(room, connection, payload) : overLimit(connection, limited, typeof ack === "function");
      if (typeof ack === "function") ack(result);
      else if (!result.ok) connection.sendError(result);
    });

    socket.on(EVENTS.command, async (payload: unknown, ack: Ack<CommandAck>) => {
      const limited = await spendCommand(limits, connection.id, payload);
      if (cutOff(limited)) return;
      const result: CommandAck = !limited.ok
        ? (overLimit(connection, limited, typeof ack === "function") as CommandAck)
        : room
          ? await handleCommand(room, store, connection, payload, { tallyDelayMs: settings.voteTallyDelayMs })
          : (notJoined(connection) as CommandAck);
      if (typeof ack === "function") ack(result);
      else if (!result.ok) connection.sendError(result);
    });

    socket.on(EVENTS.awareness, async (payload: unknown) => {
      const limited = await limits.connection("awareness", connection.id);
      if (cutOff(limited)) return;
      // Presence is fleeting: extra frames are dropped, and the sender hears about it once per window.
      if (!limited.ok) {
        if (limited.first || limited.flood) connection.sendError(toErrorPayload(limited.error));
        if (limited.flood) connection.close();
        return;
      }
      if (!room) return void notJoined(connection);
      const bytes = asBytes(payload);
      if (!bytes) return void protocolViolation(connection, "Presence messages must be binary.");
      room.handleAwareness(connection, bytes);
    });

    socket.on("disconnect", () => {
      clearTimeout(deadline);
      limits.seats.leave(connection.id, ip);
      limits.forget(connection.id);
      if (!room) return;
      room.leave(connection.id);
      rooms.release(room);
    });
  });
}

async function routeSync(room: BoardRoom | null, connection: Connection, payload: unknown): Promise<SyncResult> {
  if (!room) return notJoined(connection);
  const bytes = asBytes(payload);
  if (!bytes) return protocolViolation(connection, "Sync messages must be binary.");
  return room.handleSync(connection, bytes);
}

/** Per-IP join budget, then a seat on the board; the refusal to answer, or null to go ahead. */
async function admitJoin(limits: Limits, connectionId: string, ip: string, request: unknown): Promise<ParleyError | null> {
  const verdict = await limits.address("join", ip);
  if (!verdict.ok) return verdict.error;
  const boardId = (request as { boardId?: unknown } | null)?.boardId;
  const max = limits.settings.maxConnectionsPerBoard;
  if (typeof boardId === "string" && !limits.seats.sit(connectionId, boardId, max)) {
    return new ParleyError("rate-limited", `This board is full (at most ${max} connections). Try again when someone leaves.`);
  }
  return null;
}

/** Every command spends the command budget; a vote also spends the vote budget. */
async function spendCommand(limits: Limits, connectionId: string, payload: unknown): Promise<LimitVerdict> {
  const verdict = await limits.connection("command", connectionId);
  if (!verdict.ok || (payload as { type?: unknown } | null)?.type !== "vote") return verdict;
  return limits.connection("vote", connectionId);
}

/**
 * The answer to a message over its budget: `rate-limited`, which the caller sends in the ack (or as an
 * error event when there is none). A flood (many times the budget in one window) also ends the
 * connection, and an acknowledged sender hears it as an error event too, just before the close.
 */
function overLimit(connection: Connection, verdict: Extract<LimitVerdict, { ok: false }>, acked: boolean): SyncResult {
  const payload = toErrorPayload(verdict.error);
  if (verdict.flood) {
    if (acked) connection.sendError(payload);
    connection.close();
  }
  return { ok: false, ...payload };
}

/** Closes a socket that connected but never joined a board in time (it holds a connection slot for nothing). */
function missedJoinDeadline(socket: Socket, connection: Connection, deadlineMs: number): void {
  if (!socket.connected || socket.rooms.size > 1) return; // socket.rooms holds its own id, plus the board once joined
  connection.sendError(toErrorPayload(new ParleyError("not-joined", `Join a board within ${deadlineMs / 1000} s of connecting.`)));
  connection.close();
}

function socketConnection(socket: Socket): Connection {
  return {
    id: socket.id,
    // Nobody until the join says who: an observer may do nothing, which is the safe default.
    actor: { memberId: null, role: "observer" },
    sendSync: (frame) => void socket.emit(EVENTS.sync, frame),
    sendAwareness: (frame) => void socket.emit(EVENTS.awareness, frame),
    sendError: (error) => void socket.emit(EVENTS.error, error),
    sendEvent: (name, payload) => void socket.emit(name, payload),
    // Let the error frame go out before the close.
    close: () => void setTimeout(() => socket.disconnect(true), 20),
  };
}

function notJoined(connection: Connection): SyncResult {
  const payload = toErrorPayload(new ParleyError("not-joined", "Join a board before syncing."));
  connection.sendError(payload);
  connection.close();
  return { ok: false, ...payload };
}

function protocolViolation(connection: Connection, message: string): SyncResult {
  const payload = toErrorPayload(new ParleyError("malformed-message", message));
  connection.sendError(payload);
  connection.close();
  return { ok: false, ...payload };
}

function welcome(boardId: string, connection: Connection): JoinAck {
  return { ok: true, boardId, protocol: PROTOCOL_VERSION, role: connection.actor.role, memberId: connection.actor.memberId, serverTime: Date.now() };
}

function failure(error: unknown): JoinAck {
  return { ok: false, ...toErrorPayload(error) };
}
