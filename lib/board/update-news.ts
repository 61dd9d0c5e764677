import * as Y from "yjs";

/**
 * Whether applying `update` to `doc` would change nothing: every struct it carries is already covered
 * by the document's state vector, and every range its delete set names is already deleted there.
 *
 * A joining client's Sync Step 2 is usually exactly that (Yjs always sends the sender's whole delete
 * set), and answering it this way spares the room its trial copy (a second copy of the board).
 * It only ever says "nothing new" when that is certain: an update it cannot decode, a struct or a
 * deletion beyond what `doc` holds (say, only in a room's pending batch), or a deletion of something
 * still present all answer false, and the caller takes the full path that checks and reports them.
 */
export function carriesNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  for (const struct of decoded.structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (!alreadyDeleted(doc, client, range.clock, range.len)) return false;
    }
  }
  return true;
}

/** Walks the document's own structs over [clock, clock + len): true only if every one is deleted. */
function alreadyDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  if (len <= 0) return true;
  const end = clock + len;
  // A deletion of something this document has not seen yet cannot be a no-op here.
  if (end > Y.getState(doc.store, client)) return false;
  const structs = doc.store.clients.get(client);
  if (!structs) return false;
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index];
    if (struct.id.clock >= end) break;
    if (!struct.deleted) return false;
  }
  return true;
}
