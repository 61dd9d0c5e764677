import type { Namespace, Socket } from "socket.io";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import { EVENTS, JoinRequestSchema, PROTOCOL_VERSION, type CommandAck, type JoinAck } from "../../lib/protocol/protocol";
import { asBytes } from "../../lib/protocol/sync-messages";
import { isBoardId } from "../boards/read-access";
import type { BoardStore } from "../persistence/board-store";
import type { BoardRoom } from "./board-room";
import { welcomeSoon } from "./audience";
import { handleCommand } from "./commands";
import { resolveLiveActor } from "./live-control";
import { takeHandshakeJoin } from "./handshake-join";
import { closesConnection, refuseConnection, type Connection, type SyncResult } from "./connection";
import type { LimitVerdict, Limits } from "./limits";
import type { SendAwarenessToMany, SendSyncToMany } from "./fan-out";
import type { RoomManager } from "./room-manager";
import { limitConnections, missedJoinDeadline, overLimit, spendCommand, spendJoin, takeSeat } from "./socket-limits";

type Ack<T> = ((answer: T) => void) | undefined;

/** Binds a Socket.io namespace to the rooms: the whole transport, per docs/protocol.md. */
export function attachSyncNamespace(namespace: Namespace, rooms: RoomManager, store: BoardStore, limits: Limits): void {
  const { settings } = limits;
  limitConnections(namespace, limits);

  namespace.on("connection", (socket) => {
    let room: BoardRoom | null = null;
    const connection = socketConnection(socket);
    const ip: string = socket.data.ip;
    const deadline = setTimeout(() => missedJoinDeadline(socket, connection, settings.joinDeadlineMs, room !== null), settings.joinDeadlineMs);
    // Once a connection floods, whatever it still has in flight is dropped unanswered while it closes:
    // answering each of thousands of queued frames is what would slow everyone else down.
    let flooded = false;
    const cutOff = (verdict: LimitVerdict): boolean => {
      if (flooded) return true;
      if (!verdict.ok && verdict.flood) flooded = true; // this first flooding message is answered, then the close
      return false;
    };
    // One join per connection, claimed before the first await: a second join racing the first must
    // never get to write its own actor or room (issue 8: that made an observer a facilitator).
    let claim: { boardId: string; outcome: Promise<JoinAck> } | null = null;

    // A client sends its Step 1 right behind its join, without waiting for the ack: sync frames that
    // arrive while a join is being decided wait for it, and are answered only once it is (never before).
    let joinsInFlight = 0;
    let joinsSettled: Promise<unknown> = Promise.resolve();
    const startJoin = (request: unknown, ack: Ack<JoinAck>) => {
      joinsInFlight++;
      const settled = onJoin(request, ack).finally(() => joinsInFlight--);
      joinsSettled = Promise.all([joinsSettled, settled.catch(() => undefined)]);
    };
    socket.on(EVENTS.join, startJoin);

    async function onJoin(request: unknown, ack: Ack<JoinAck>): Promise<void> {
      const answer = (value: JoinAck) => (typeof ack === "function" ? ack(value) : undefined);
      const limited = await spendJoin(limits, ip);
      if (limited) return answer(failure(limited));
      // From here to `claim = mine` nothing awaits: whichever join gets here first owns the connection.
      const parsed = JoinRequestSchema.safeParse(request);
      if (!parsed.success) return answer(failure(new ParleyError("bad-request", "A join needs { protocol, boardId }.")));
      if (parsed.data.protocol !== PROTOCOL_VERSION) {
        const mismatch = new ParleyError("protocol-mismatch", `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`);
        answer(failure(mismatch)); // the join's ack carries the refusal: no error event besides
        if (closesConnection(mismatch.code)) socket.disconnect(true);
        return;
      }
      if (claim) {
        // A client that reloads after a refused update joins again on the same connection: same board, same answer.
        if (claim.boardId !== parsed.data.boardId) return answer(failure(new ParleyError("bad-request", "This connection has already joined another board; open a new connection for it.")));
        const first = await claim.outcome;
        return answer(first.ok && room ? welcome(room.boardId, connection) : first);
      }
      const mine: { boardId: string; outcome: Promise<JoinAck> } = {
        boardId: parsed.data.boardId,
        outcome: admit(parsed.data.boardId, parsed.data.memberToken),
      };
      claim = mine;
      const outcome = await mine.outcome;
      // A refused join frees the connection for another try (a fresh token, another board).
      if (!outcome.ok && claim === mine) claim = null;
      // Refused for want of the database, the client retries on a backoff that may outgrow the join
      // deadline; it is not idling, so the deadline no longer applies (seats and per-IP caps still do).
      if (!outcome.ok && outcome.code === "storage-unavailable") clearTimeout(deadline);
      // Joined: the deadline has nothing left to check, so its timer (and what it holds) goes now.
      if (outcome.ok) clearTimeout(deadline);
      answer(outcome);
      // What only this person may see, and (to facilitators) that someone new is here.
      if (outcome.ok && room) {
        void welcomeSoon(room, store, connection);
      }
    }

    /** Everything that awaits happens first; actor and room are then set together, once. */
    async function admit(boardId: string, memberToken: string | undefined): Promise<JoinAck> {
      try {
        if (!isBoardId(boardId)) throw new ParleyError("board-not-found", "That is not a board id.");
        const full = takeSeat(limits, connection.id, boardId);
        if (full) throw full;
        // A cold board loads while the join is decided (one wait, not two in a row). Nothing of it is
        // sent before the decision, and unless someone gets in it unloads once idle, like an empty room.
        rooms.preload(boardId);
        // Decided after the socket is in its member's room, so a removal racing the join still reaches it.
        // That look also finds a board that does not exist: no separate read of the board before it.
        const actor = await resolveLiveActor(socket, store, boardId, memberToken);
        // The room as soon as the board is read: a cold board's fresh joiner is answered from the stored
        // bytes while its document is built; everything else the room does waits for the build.
        const joined = await rooms.enter(boardId);
        if (socket.connected) await socket.join(joined.boardId);
        if (!socket.connected) {
          rooms.release(joined);
          limits.seats.stand(connection.id);
          return failure(new ParleyError("not-joined", "The connection closed while joining."));
        }
        connection.actor = actor;
        joined.join(connection); // throws if the room's document could not be built: then no room is set
        room = joined;
        return welcome(joined.boardId, connection);
      } catch (error) {
        // A refused join sits nowhere: strangers must not fill a board, nor carry a seat to another board.
        limits.seats.stand(connection.id);
        return failure(error);
      }
    }

    const onSync = async (payload: unknown, ack: Ack<SyncResult>) => {
      const limited = await limits.connection("sync", connection.id);
      if (cutOff(limited)) return;
      if (limited.ok && !room && joinsInFlight > 0) {
        while (!room && joinsInFlight > 0) await joinsSettled;
        // The join's own ack said why it was refused: this frame is refused quietly, the connection kept for another join.
        if (!room) return typeof ack === "function" ? ack(heldForRefusedJoin()) : undefined;
      }
      // A refused edit loses nothing: the client keeps it pending and resends it.
      const result = limited.ok ? await routeSync(room, connection, payload) : overLimit(connection, limited, typeof ack === "function");
      if (typeof ack === "function") ack(result);
      else if (!result.ok) connection.sendError(result);
    };
    socket.on(EVENTS.sync, onSync);

    socket.on(EVENTS.command, async (payload: unknown, ack: Ack<CommandAck>) => {
      const limited = await spendCommand(limits, connection, payload);
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

    // A join in the handshake starts now, exactly as a `join` event followed by its Step 1 would
    // (claimed, held and answered the same way), its answer going out as a `joined` event. Nothing
    // can have arrived on the connection before this: the first frame's handler runs after this one.
    const carried = takeHandshakeJoin(socket.handshake);
    if (carried) {
      startJoin(carried.request, (answer) => void socket.emit(EVENTS.joined, answer));
      if (carried.step1) void onSync(carried.step1, undefined);
    }
  });
}

async function routeSync(room: BoardRoom | null, connection: Connection, payload: unknown): Promise<SyncResult> {
  if (!room) return notJoined(connection);
  const bytes = asBytes(payload);
  if (!bytes) return protocolViolation(connection, "Sync messages must be binary.");
  return room.handleSync(connection, bytes);
}

/**
 * The rooms' fan-out over Socket.io: one broadcast to the recipients' sockets on this process, so the
 * packet is encoded once for all of them. A recipient that is no socket here gets the frame on its own.
 */
export function broadcastToSockets(namespace: Namespace): SendSyncToMany {
  return broadcastEvent(namespace, EVENTS.sync, (connection, frame) => connection.sendSync(frame));
}

/** The same for presence frames (room-presence.ts). */
export function broadcastAwarenessToSockets(namespace: Namespace): SendAwarenessToMany {
  return broadcastEvent(namespace, EVENTS.awareness, (connection, frame) => connection.sendAwareness(frame));
}

function broadcastEvent(namespace: Namespace, event: string, sendOne: (connection: Connection, frame: Uint8Array) => void) {
  return (recipients: readonly Connection[], frame: Uint8Array): void => {
    const socketIds: string[] = [];
    for (const connection of recipients) {
      if (namespace.sockets.has(connection.id)) socketIds.push(connection.id);
      else sendOne(connection, frame);
    }
    if (socketIds.length > 0) namespace.local.to(socketIds).emit(event, frame);
  };
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
    flushed: () => transportFlushed(socket),
  };
}

/**
 * Resolves once Engine.IO's transport has written everything handed to it (ws's send callbacks) and
 * has nothing left to send, or the connection closed. The transport emits "ready" after each batch is
 * written, after Engine.IO flushes what queued meanwhile: still writable then means nothing was queued.
 * Packets written this turn sit in the write buffer until the turn's flush, so they count as unsent.
 */
export function transportFlushed(socket: Socket): Promise<void> {
  const engine = socket.conn;
  const transport = engine.transport;
  // Packets still in the write buffer wait for this turn's flush (flushOncePerTurn): not written yet.
  const queued = (engine as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
  if ((transport.writable && queued === 0) || !socket.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      transport.off("ready", onReady);
      engine.off("close", done);
      resolve();
    };
    const onReady = () => {
      if (transport.writable) done();
    };
    transport.on("ready", onReady);
    engine.once("close", done);
  });
}

function notJoined(connection: Connection): SyncResult {
  return refuseConnection(connection, new ParleyError("not-joined", "Join a board before syncing."));
}

/**
 * The answer to a sync message held behind a join that was then refused. Sent in order behind a join,
 * it broke no rule (unlike a message before any join), so the connection is not closed: ack only.
 */
function heldForRefusedJoin(): SyncResult {
  return { ok: false, ...toErrorPayload(new ParleyError("not-joined", "The join this message waited for was refused.")) };
}

function protocolViolation(connection: Connection, message: string): SyncResult {
  return refuseConnection(connection, new ParleyError("malformed-message", message));
}

function welcome(boardId: string, connection: Connection): JoinAck {
  return { ok: true, boardId, protocol: PROTOCOL_VERSION, role: connection.actor.role, memberId: connection.actor.memberId, serverTime: Date.now() };
}

function failure(error: unknown): JoinAck {
  return { ok: false, ...toErrorPayload(error) };
}
