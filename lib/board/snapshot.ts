import * as Y from "yjs";

/** Builds a document from a snapshot and the log entries after it, in one transaction. */
export function docFromParts(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  return doc;
}

/**
 * Folds a snapshot and the log entries after it into one compact update. Applying into a document
 * is linear in the log, where Y.mergeUpdates over thousands of tiny updates is far slower.
 */
export function foldUpdates(parts: Uint8Array[]): Uint8Array {
  const doc = docFromParts(parts);
  const folded = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return folded;
}
