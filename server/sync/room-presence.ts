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

/** A presence frame waiting for the end of the loop's turn: whose ids it speaks for, and who sent it. */
interface PendingFrame {
  frame: Uint8Array;
  /** The awareness ids it carries (null for a relayed frame that did not decode: passed on as it is). */
  ids: readonly number[] | null;
  /** The connection it came from, which does not need it back (null: nobody here). */
  senderId: string | null;
}

/**
 * A room's presence on the wire: who is here for a newcomer, each connection's awareness frames
 * checked (presence.ts owns the rules: owned client ids, own name) and passed on to the room's other
 * connections and to other server processes, and a departure when a connection leaves. Presence
 * never touches the board document, so none of this runs in the room's queue.
 *
 * Frames are passed on at the end of the loop's turn. A lone frame goes to everyone but its sender, as
 * it came. Several (a class joining at once, a big room's 15-second renewals) go as one frame to
 * everyone: the room's current state of every id they touched. Each sender then gets its own entry
 * back at a clock it already holds, which y-protocols ignores. Otherwise each of n joiners would be
 * sent to the n others one by one, n² writes in a room just when it fills.
 */
export class RoomPresence {
  private readonly presence: Presence;
  private pending: PendingFrame[] = [];
  private flushScheduled: NodeJS.Immediate | null = null;

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
    this.broadcast(departure.frame, departure.ids, connectionId);
    this.options.publish?.("awareness", this.options.boardId, departure.frame);
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
    this.broadcast(accepted, verdict.entries.map((entry) => entry.clientId), connection.id);
    this.options.publish?.("awareness", this.options.boardId, accepted);
    return { ok: true };
  }

  /** A frame relayed from another server process: remembered and passed on to every connection here. */
  applyRemote(frame: Uint8Array): void {
    const entries = parseAwarenessUpdate(frame);
    if (entries) this.presence.applyRemote(frame, entries);
    this.broadcast(frame, entries?.map((entry) => entry.clientId) ?? null, null);
  }

  /** Sends what waited for the end of the turn: as it came if alone, else merged for everyone. */
  private flush(): void {
    this.flushScheduled = null;
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 1) return this.send(pending[0].frame, pending[0].senderId);
    const ids = new Set<number>();
    for (const { frame, ids: carried, senderId } of pending) {
      if (carried) for (const id of carried) ids.add(id);
      else this.send(frame, senderId);
    }
    const merged = this.presence.frameFor([...ids]);
    if (merged) this.send(merged, null);
  }

  destroy(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    this.pending = [];
    this.presence.destroy();
  }

  private broadcast(frame: Uint8Array, ids: readonly number[] | null, senderId: string | null): void {
    this.pending.push({ frame, ids, senderId });
    this.flushScheduled ??= setImmediate(() => this.flush());
  }

  private send(frame: Uint8Array, exceptId: string | null): void {
    // Encoded once for everyone rather than once per connection (Socket.io: one broadcast).
    const recipients: Connection[] = [];
    for (const connection of this.connections.values()) if (connection.id !== exceptId) recipients.push(connection);
    if (recipients.length > 0) (this.options.sendToMany ?? sendAwarenessToEach)(recipients, frame);
  }
}
