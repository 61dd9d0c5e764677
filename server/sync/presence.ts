import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { AwarenessStateSchema } from "../../lib/protocol/protocol";

export interface AwarenessEntry {
  clientId: number;
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
      decoding.readVarUint(decoder); // clock
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && !isUnintroduced(state) && !AwarenessStateSchema.safeParse(state).success) return null;
      entries.push({ clientId, state });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

/**
 * y-protocols gives every client the local state `{}` until it says who it is, and re-sends it every
 * 15 s; refusing it would disconnect everyone who has not yet chosen a name.
 */
function isUnintroduced(state: unknown): boolean {
  return typeof state === "object" && state !== null && !Array.isArray(state) && Object.keys(state).length === 0;
}

/**
 * The room's view of who is here. Each awareness client id belongs to the connection that last
 * published it; when a connection goes, its entries are removed and everyone is told.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, string>();

  constructor(doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server itself is nobody
  }

  /** Applies a validated frame from `connectionId`. */
  apply(connectionId: string, frame: Uint8Array, entries: AwarenessEntry[]): void {
    for (const entry of entries) this.owners.set(entry.clientId, connectionId);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, frame, connectionId);
  }

  /** Frame describing everyone currently present, for a newcomer; null when nobody is. */
  snapshotFrame(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Removes a departed connection's entries; returns the frame announcing it, or null. */
  removeConnection(connectionId: string): Uint8Array | null {
    const ids = [...this.owners].filter(([, owner]) => owner === connectionId).map(([id]) => id);
    if (ids.length === 0) return null;
    for (const id of ids) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, "left");
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
