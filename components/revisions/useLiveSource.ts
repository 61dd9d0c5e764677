"use client";
import { useCallback, useEffect, useState } from "react";
import type * as Y from "yjs";
import { metaMap } from "@/lib/board/doc";
import { readRetiredQuotes, readSourceRevision, type RetiredQuoteEntry } from "@/lib/revisions/source-revision-meta";
import type { BoardReadView, SourceView } from "@/lib/views/board-views";

/** The revision the live document says the board is on. */
export interface LiveRevision {
  revision: number;
  sha256: string;
  retired: RetiredQuoteEntry[];
}

/** Follows the board document's source revision (meta is written only by the server). */
export function useLiveRevision(doc: Y.Doc | null): LiveRevision | null {
  const [revision, setRevision] = useState<LiveRevision | null>(null);
  useEffect(() => {
    if (!doc) return;
    const meta = metaMap(doc);
    const read = () => {
      const sha256 = String(meta.get("sourceSha256") ?? "");
      setRevision((was) => {
        const next = { revision: readSourceRevision(doc), sha256, retired: readRetiredQuotes(doc) };
        return was && was.revision === next.revision && was.sha256 === next.sha256 && was.retired.length === next.retired.length ? was : next;
      });
    };
    read();
    meta.observe(read);
    return () => meta.unobserve(read);
  }, [doc]);
  return revision;
}

/**
 * The board's source text, switched to the new one when a source revision reaches the live document:
 * every highlight moves in the same update, so the article must follow without a reload.
 * `follow(sha)` is called with the document's sha256; a different one is fetched once.
 */
export function useLiveSource(boardId: string, initial: SourceView, memberToken: string | null | undefined): { source: SourceView; follow(sha256: string | undefined): void } {
  const [source, setSource] = useState(initial);
  const [wanted, setWanted] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || wanted === source.sha256) return;
    let cancelled = false;
    const headers: Record<string, string> = memberToken ? { authorization: `Bearer ${memberToken}` } : {};
    fetch(`/api/boards/${encodeURIComponent(boardId)}?include=source`, { headers, cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<BoardReadView>) : null))
      .then((view) => {
        if (!cancelled && view?.source && view.source.sha256 === wanted) setSource(view.source);
      })
      .catch(() => undefined); // the next change of meta (or a reload) tries again
    return () => {
      cancelled = true;
    };
  }, [boardId, memberToken, wanted, source.sha256]);
  const follow = useCallback((sha256: string | undefined) => setWanted(sha256 || null), []);
  return { source, follow };
}
