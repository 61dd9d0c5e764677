import * as Y from "yjs";
import { syncStep1, syncStep2 } from "../../lib/protocol/sync-messages";

/** The state vector of a client that holds nothing yet (an empty map): one zero byte. */
const EMPTY_STATE_VECTOR_BYTE = 0;

/**
 * The frames a room answers every client's Step 1 with. A client that holds nothing (every fresh
 * join) gets the whole document, which is the same bytes for all of them until the document next
 * changes: encoding it once per change, not once per join, is what lets a crowd join at once. Any
 * update to the document (a commit, a relayed update, a server change) forgets the cached frames.
 */
export class HandshakeFrames {
  private fullState: Uint8Array | null = null;
  private stateVector: Uint8Array | null = null;
  private readonly forget = () => {
    this.fullState = null;
    this.stateVector = null;
  };

  constructor(private readonly doc: Y.Doc) {
    doc.on("update", this.forget);
  }

  /** Step 2 for a client holding `stateVector`: what the document has that the client lacks. */
  step2(stateVector: Uint8Array): Uint8Array {
    if (!holdsNothing(stateVector)) return syncStep2(this.doc, stateVector);
    this.fullState ??= syncStep2(this.doc);
    return this.fullState;
  }

  /** Step 1: the document's state vector, asking the client for whatever it has that we lack. */
  step1(): Uint8Array {
    this.stateVector ??= syncStep1(this.doc);
    return this.stateVector;
  }

  destroy(): void {
    this.doc.off("update", this.forget);
    this.forget();
  }
}

function holdsNothing(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === EMPTY_STATE_VECTOR_BYTE;
}
