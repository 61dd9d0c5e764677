import type * as Y from "yjs";
import { ParleyError, type ErrorCode } from "../../lib/errors/errors";
import { SYNC_LIMITS } from "../../lib/protocol/protocol";
import { refuseConnection, type Connection, type SyncResult } from "./connection";
import { sendAwarenessToEach, type SendAwarenessToMany } from "./fan-out";
import { Presence, parseAwarenessUpdate } from "./presence";

export interface RoomPresenceOptions {
  boardId: string;
  /** Tells other server processes about an awareness frame (scale-out). */
  publish?: (kind: "awareness", boardId: string, frame: Uint8Array) => void;
  /** Awareness client ids one connection may introduce. */
  maxIdsPerConnection: number;
  /** Sends one frame to many connections (Socket.io: one broadcast, encoded once); default: to each in turn. */
  sendToMany?: SendAwarenessToMany;
}

/** A frame the room must treat as a protocol violation (report, then disconnect the sender). */
export interface PresenceViolation {
  violation: ErrorCode;
  message: string;
}

/**
 * A room's presence on the wire: who is here for a newcomer, each connection's awareness frames
 * checked (presence.ts owns the rules: owned client ids, own name) and passed on to the room's other
 * connections and to other server processes, and a departure when a connection leaves. Presence
 * never touches the board document, so none of this runs in the room's queue.
 */
export class RoomPresence {
  private readonly presence: Presence;

  constructor(
    doc: Y.Doc,
    /** The room's connections, read (never changed) to broadcast. */
    private readonly connections: ReadonlyMap<string, Connection>,
    private readonly options: RoomPresenceOptions,
  ) {
    this.presence = new Presence(doc);
  }

  /** Shows a newcomer who is here, if anyone is. */
  greet(connection: Connection): void {
    const present = this.presence.snapshotFrame();
    if (present) connection.sendAwareness(present);
  }

  /** Clears a departed connection's entries, here and on other processes (a dropped client never says goodbye). */
  depart(connectionId: string): void {
    const departure = this.presence.removeConnection(connectionId);
    if (!departure) return;
    this.broadcast(departure, connectionId);
    this.options.publish?.("awareness", this.options.boardId, departure);
  }

  /**
   * One awareness frame from a connection: applied and passed on, refused (`forbidden`, the frame
   * unapplied, the connection kept), or a violation for the room to answer. `anonymousBoard` is read
   * only for a frame that decodes.
   */
  receive(connection: Connection, frame: Uint8Array, anonymousBoard: () => boolean): SyncResult | PresenceViolation {
    if (frame.byteLength > SYNC_LIMITS.maxAwarenessMessageBytes) return { violation: "payload-too-large", message: "Presence message too large." };
    const entries = parseAwarenessUpdate(frame);
    if (!entries) return { violation: "malformed-message", message: "That presence message could not be decoded." };
    const publisher = { connectionId: connection.id, actor: connection.actor, anonymousBoard: anonymousBoard(), maxIds: this.options.maxIdsPerConnection };
    const verdict = this.presence.admit(publisher, entries);
    if (!verdict.ok) return refuseConnection(connection, new ParleyError("forbidden", verdict.message));
    const accepted = this.presence.apply(publisher, verdict.entries);
    if (!accepted) return { ok: true };
    this.broadcast(accepted, connection.id);
    this.options.publish?.("awareness", this.options.boardId, accepted);
    return { ok: true };
  }

  /** A frame relayed from another server process: remembered and passed on to every connection here. */
  applyRemote(frame: Uint8Array): void {
    const entries = parseAwarenessUpdate(frame);
    if (entries) this.presence.applyRemote(frame, entries);
    this.broadcast(frame, null);
  }

  destroy(): void {
    this.presence.destroy();
  }

  private broadcast(frame: Uint8Array, exceptId: string | null): void {
    // Every client renews its presence every 15 s: in a big room that is a steady stream of frames,
    // each worth encoding once for everyone rather than once per connection.
    const recipients: Connection[] = [];
    for (const connection of this.connections.values()) if (connection.id !== exceptId) recipients.push(connection);
    if (recipients.length > 0) (this.options.sendToMany ?? sendAwarenessToEach)(recipients, frame);
  }
}
