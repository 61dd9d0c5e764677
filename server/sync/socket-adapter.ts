import type { Namespace, Socket } from "socket.io";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import { EVENTS, JoinRequestSchema, PROTOCOL_VERSION, type CommandAck, type JoinAck } from "../../lib/protocol/protocol";
import { asBytes } from "../../lib/protocol/sync-messages";
import type { BoardStore } from "../persistence/board-store";
import type { BoardRoom } from "./board-room";
import { sendDrafts, sendRoster, sendVotes } from "./audience";
import { handleCommand } from "./commands";
import { resolveLiveActor } from "./live-control";
import type { Connection, SyncResult } from "./connection";
import type { RoomManager } from "./room-manager";

type Ack<T> = ((answer: T) => void) | undefined;

/** Binds a Socket.io namespace to the rooms: the whole transport, per docs/protocol.md. */
export function attachSyncNamespace(namespace: Namespace, rooms: RoomManager, store: BoardStore): void {
  namespace.on("connection", (socket) => {
    let room: BoardRoom | null = null;
    const connection = socketConnection(socket);

    socket.on(EVENTS.join, async (request: unknown, ack: Ack<JoinAck>) => {
      const answer = (value: JoinAck) => (typeof ack === "function" ? ack(value) : undefined);
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
        connection.actor = await resolveLiveActor(socket, store, board, parsed.data.memberToken);
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
      const result = await routeSync(room, connection, payload);
      if (typeof ack === "function") ack(result);
      else if (!result.ok) connection.sendError(result);
    });

    socket.on(EVENTS.command, async (payload: unknown, ack: Ack<CommandAck>) => {
      const result: CommandAck = room ? await handleCommand(room, store, connection, payload) : (notJoined(connection) as CommandAck);
      if (typeof ack === "function") ack(result);
      else if (!result.ok) connection.sendError(result);
    });

    socket.on(EVENTS.awareness, (payload: unknown) => {
      if (!room) return void notJoined(connection);
      const bytes = asBytes(payload);
      if (!bytes) return void protocolViolation(connection, "Presence messages must be binary.");
      room.handleAwareness(connection, bytes);
    });

    socket.on("disconnect", () => {
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
