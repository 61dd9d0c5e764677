import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import type { Actor } from "../../lib/board/roles";
import { AwarenessStateSchema, type AwarenessState } from "../../lib/protocol/protocol";
import { ANONYMOUS_NAME } from "../../lib/session/session";

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * Decodes an awareness update (varUint count, then clientID, clock and JSON state per entry) and checks
 * each state against AwarenessStateSchema. Returns null when the frame is malformed or a state is not
 * one Parley clients publish; `null` states (someone leaving) and `{}` (not yet introduced) are allowed.
 */
export function parseAwarenessUpdate(frame: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const count = decoding.readVarUint(decoder);
    if (count > 64) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && !isUnintroduced(state) && !AwarenessStateSchema.safeParse(state).success) return null;
      entries.push({ clientId, clock, state });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

/** Encodes entries back into one awareness update, in the format parseAwarenessUpdate reads. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * y-protocols gives every client the local state `{}` until it says who it is, and re-sends it every
 * 15 s; refusing it would disconnect everyone who has not yet chosen a name.
 */
function isUnintroduced(state: unknown): boolean {
  return typeof state === "object" && state !== null && !Array.isArray(state) && Object.keys(state).length === 0;
}

/** How many freed ids the room remembers the member of (a few bytes each). */
const MAX_DEPARTED = 2_000;

/** Who publishes a frame, and the board's rules for it. */
export interface Publisher {
  connectionId: string;
  actor: Actor;
  /** Participants on an anonymous board show as ANONYMOUS_NAME. */
  anonymousBoard: boolean;
  /** How many awareness client ids one connection may introduce. */
  maxIds: number;
}

/** The entries to apply, or why the whole frame is refused (nothing of it is applied). */
export type PresenceVerdict = { ok: true; entries: AwarenessEntry[] } | { ok: false; message: string };

interface Owner {
  connectionId: string;
  /** The member behind it (null for a guest): that member's other connections may take the id over. */
  memberId: string | null;
}

/**
 * The room's view of who is here. Each awareness client id belongs to the connection that introduced
 * it, which alone may update or clear it, under its member's own id and name; when a connection goes,
 * its entries are removed and everyone is told.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Owner>();
  /** How many ids each connection owns (kept alongside `owners`, so the cap costs nothing to check). */
  private readonly counts = new Map<string, number>();
  /**
   * The member whose presence an id last was, once it is freed (they left, or cleared it). Client ids
   * are not secret (every Yjs update names its writer's), so without this anyone could claim a
   * reconnecting member's id in the gap and have their own presence refused. Bounded: oldest first out.
   */
  private readonly departed = new Map<number, string>();

  constructor(doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server itself is nobody
  }

  /**
   * Checks a frame against the ownership and naming rules. A `null` (leaving) entry for an id the sender
   * does not own is dropped without complaint: y-protocols clients send exactly that when someone else
   * goes quiet for 30 s (a throttled background tab), so it is not a forgery worth an error.
   */
  admit(publisher: Publisher, entries: AwarenessEntry[]): PresenceVerdict {
    const { connectionId, actor } = publisher;
    const mine = (owner: Owner | undefined) => owner !== undefined && (owner.connectionId === connectionId || (actor.memberId !== null && owner.memberId === actor.memberId));
    let owned = this.counts.get(connectionId) ?? 0;
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (entry.state === null) {
        if (mine(owner)) kept.push(entry);
        continue;
      }
      if (owner && !mine(owner)) return { ok: false, message: "That presence belongs to someone else on this board." };
      const before = owner ? undefined : this.departed.get(entry.clientId);
      if (before !== undefined && before !== actor.memberId) return { ok: false, message: "That presence belongs to someone else on this board." };
      if (!owner && ++owned > publisher.maxIds) return { ok: false, message: `One connection may show at most ${publisher.maxIds} presences.` };
      const refusal = nameRefusal(publisher, entry.state);
      if (refusal) return { ok: false, message: refusal };
      kept.push(entry);
    }
    return { ok: true, entries: kept };
  }

  /** Applies admitted entries from `publisher` and returns the frame to pass on, or null when there is nothing to. */
  apply(publisher: Pick<Publisher, "connectionId" | "actor">, entries: AwarenessEntry[]): Uint8Array | null {
    if (entries.length === 0) return null;
    for (const { clientId, state } of entries) {
      this.setOwner(clientId, state === null ? null : { connectionId: publisher.connectionId, memberId: publisher.actor.memberId });
    }
    const frame = encodeAwarenessEntries(entries);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, frame, publisher.connectionId);
    return frame;
  }

  /** A frame another server process admitted: its entries belong to that process's connections. */
  applyRemote(frame: Uint8Array, entries: AwarenessEntry[]): void {
    for (const { clientId, state } of entries) {
      // The other process checked that user.id is the member's own id.
      this.setOwner(clientId, state === null ? null : { connectionId: "remote", memberId: (state as Partial<AwarenessState>).user?.id ?? null });
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, frame, "remote");
  }

  /** Frame describing everyone currently present, for a newcomer; null when nobody is. */
  snapshotFrame(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Removes a departed connection's entries; returns the frame announcing it and the ids it clears, or null. */
  removeConnection(connectionId: string): { frame: Uint8Array; ids: number[] } | null {
    const ids = [...this.owners].filter(([, owner]) => owner.connectionId === connectionId).map(([id]) => id);
    if (ids.length === 0) return null;
    for (const id of ids) this.setOwner(id, null);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, "left");
    return { frame: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids), ids };
  }

  /**
   * The room's current entry for each id (a cleared one as null), at the clock the room holds: what
   * every frame that touched them adds up to. Ids the room never took a clock for are left out (no
   * client would have applied them either); null when none is left.
   */
  frameFor(ids: readonly number[]): Uint8Array | null {
    const known = ids.filter((id) => this.awareness.meta.has(id));
    return known.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, known) : null;
  }

  destroy(): void {
    this.awareness.destroy();
  }

  /** Gives `clientId` to `owner` (or to nobody), keeping the per-connection counts. */
  private setOwner(clientId: number, owner: Owner | null): void {
    const previous = this.owners.get(clientId);
    this.departed.delete(clientId);
    if (previous?.memberId && !owner) {
      this.departed.set(clientId, previous.memberId);
      if (this.departed.size > MAX_DEPARTED) this.departed.delete(this.departed.keys().next().value as number);
    }
    if (previous) {
      const left = (this.counts.get(previous.connectionId) ?? 1) - 1;
      if (left > 0) this.counts.set(previous.connectionId, left);
      else this.counts.delete(previous.connectionId);
      this.owners.delete(clientId);
    }
    if (!owner) return;
    this.owners.set(clientId, owner);
    this.counts.set(owner.connectionId, (this.counts.get(owner.connectionId) ?? 0) + 1);
  }
}

/**
 * Presence is how facilitators see who is here and who edits what: a member shows under their own
 * member id and their own display name, or as ANONYMOUS_NAME (the only name for participants on an
 * anonymous board). A guest on an open board has no name on record and only the anonymity rule applies.
 */
function nameRefusal({ actor, anonymousBoard }: Publisher, state: unknown): string | null {
  if (isUnintroduced(state)) return null;
  const { user } = state as AwarenessState;
  if (actor.memberId !== null && user.id !== actor.memberId) return "Your presence must carry your own member id.";
  if (anonymousBoard && actor.role !== "facilitator") {
    return user.name.trim() === ANONYMOUS_NAME ? null : `This board is anonymous: your presence shows as "${ANONYMOUS_NAME}".`;
  }
  if (actor.memberId !== null && user.name.trim() !== ANONYMOUS_NAME && user.name.trim() !== actor.displayName?.trim()) {
    return `Your presence must show your own name ("${actor.displayName ?? ANONYMOUS_NAME}").`;
  }
  return null;
}
