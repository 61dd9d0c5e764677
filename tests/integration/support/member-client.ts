/**
 * A raw sync client that joins as one member of a facilitated board and keeps a live copy of the board:
 * every Step 2 and Update the server sends is applied to `doc`, and nothing else is. Tests craft their
 * updates on a throwaway replica of that copy, so a refused change never lingers in it.
 */
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import type { Author } from "@/lib/board/operations";
import type { Argument } from "@/lib/board/argument";
import type { Role } from "@/lib/board/roles";
import { EVENTS, PROTOCOL_VERSION, type CommandAck, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { asBytes, decodeSyncMessage, syncUpdate } from "@/lib/protocol/sync-messages";
import type { Command } from "@/lib/session/commands";
import { readSession, type SessionState } from "@/lib/session/session";
import { RawClient, type PrivateEvent } from "./raw-client";
import { waitFor } from "./wait";

/** A place on a board, as joinBoard hands it out. */
export interface Seat {
  memberId: string;
  memberToken: string;
  role: Role;
  displayName: string;
}

export class MemberClient {
  readonly doc = new Y.Doc();

  private constructor(
    readonly raw: RawClient,
    readonly seat: Seat,
    readonly joined: Extract<JoinAck, { ok: true }>,
  ) {
    raw.socket.on(EVENTS.sync, (payload: unknown) => {
      const message = decodeSyncMessage(asBytes(payload) ?? new Uint8Array());
      if (message && message.type !== 0) Y.applyUpdate(this.doc, message.update, "server");
    });
  }

  /** Connects, joins with the seat's member token and loads the board. Throws when the join is refused. */
  static async open(url: string, boardId: string, seat: Seat): Promise<MemberClient> {
    const raw = await RawClient.connect(url);
    const ack = await raw.join(boardId, PROTOCOL_VERSION, seat.memberToken);
    if (!ack.ok) {
      raw.close();
      throw new Error(`${seat.displayName} could not join: ${ack.code} ${ack.message}`);
    }
    const client = new MemberClient(raw, seat, ack);
    await raw.load(client.doc);
    return client;
  }

  get memberId(): string {
    return this.seat.memberId;
  }

  /** Who this member writes as: their own id and display name. */
  get author(): Author {
    return { id: this.seat.memberId, name: this.seat.displayName };
  }

  get session(): SessionState {
    return readSession(this.doc);
  }

  /**
   * Makes `change` on a replica of the live copy and sends the resulting update, resolving with the ack
   * and whatever `change` returned. Only an accepted update is applied to the live copy.
   */
  async update<T>(change: (doc: Y.Doc) => T): Promise<{ ack: UpdateAck; value: T }> {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.doc));
    const updates: Uint8Array[] = [];
    replica.on("update", (update: Uint8Array) => updates.push(update));
    const value = change(replica);
    const update = Y.mergeUpdates(updates);
    replica.destroy();
    const ack = await this.raw.request<UpdateAck>(EVENTS.sync, syncUpdate(update));
    if (ack.ok) Y.applyUpdate(this.doc, update, "local");
    return { ack, value };
  }

  command(command: Command): Promise<CommandAck> {
    return this.raw.request<CommandAck>(EVENTS.command, command);
  }

  /** Resolves once the live copy's session satisfies `predicate`. */
  sessionWhere(predicate: (session: SessionState) => boolean, message = "the session to change"): Promise<SessionState> {
    return waitFor(() => (predicate(this.session) ? this.session : null), { message: `${this.seat.displayName}: ${message}` });
  }

  /** Resolves once the live copy holds argument `id` (or, with `present` false, no longer holds it). */
  async sees(id: string, present = true): Promise<Argument | null> {
    await waitFor(() => (readArgument(this.doc, id) !== null) === present, { message: `${this.seat.displayName} to ${present ? "see" : "lose"} ${id}` });
    return readArgument(this.doc, id);
  }

  /** How many private events have arrived so far: pass it to {@link eventAfter}. */
  mark(): number {
    return this.raw.events.length;
  }

  /** Payloads of every `name` event received so far. */
  eventsOf<T>(name: PrivateEvent): T[] {
    return this.raw.events.filter((e) => e.name === name).map((e) => e.payload as T);
  }

  /** Resolves with the first `name` event that arrived after `mark` (and satisfies `predicate`). */
  eventAfter<T>(name: PrivateEvent, mark: number, predicate: (payload: T) => boolean = () => true): Promise<T> {
    return waitFor(
      () => this.raw.events.slice(mark).find((e) => e.name === name && predicate(e.payload as T))?.payload as T | undefined,
      { message: `${this.seat.displayName} to receive a "${name}" event` },
    );
  }

  close(): void {
    this.raw.close();
    this.doc.destroy();
  }
}
