/** The table the Hocuspocus peer stores its documents in (name, whole Yjs state, last store time). */
export const HOCUSPOCUS_TABLE = "hocuspocus_documents";
