"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { EvidenceReport } from "@/lib/evidence/report";
import { ReportRefresher, type RefreshOutcome } from "@/lib/evidence/report-refresh";
import { BoardClient } from "@/components/sync/board-client";

export type EvidenceLoad = { status: "loading" } | { status: "ready"; report: EvidenceReport } | { status: "error"; message: string };

export interface LiveEvidenceReport {
  load: EvidenceLoad;
  /** A fetch is due, in flight, or waiting out the server's "busy" answer. */
  updating: boolean;
  refresh(): void;
}

/**
 * GET /api/boards/:id/evidence with this browser's member token (the server filters by role), fetched
 * again shortly after the board's document changes or votes arrive (revealing results changes the
 * document's session part). The document comes from a read-only BoardClient on the same token; the
 * schedule (one request at a time, debounced, backing off on 429) is lib/evidence/report-refresh.ts.
 */
export function useLiveEvidenceReport(boardId: string, token: string | null): LiveEvidenceReport {
  const [load, setLoad] = useState<EvidenceLoad>({ status: "loading" });
  const [updating, setUpdating] = useState(true);
  const refresher = useRef<ReportRefresher | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const fetchReport = async (): Promise<RefreshOutcome> => {
      try {
        const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/evidence`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
          cache: "no-store",
          signal: controller.signal,
        });
        const body = await response.json().catch(() => null);
        if (response.status === 429) return { kind: "busy", retryAfterMs: Number(body?.details?.retryAfterMs) || undefined };
        if (!response.ok) throw new Error(body?.message ?? `The evidence report could not be loaded (HTTP ${response.status}).`);
        setLoad({ status: "ready", report: body as EvidenceReport });
      } catch (error) {
        if (!controller.signal.aborted) setLoad({ status: "error", message: error instanceof Error ? error.message : String(error) });
      }
      return { kind: "done" };
    };
    const schedule = new ReportRefresher({ fetchReport, onUpdating: setUpdating });
    refresher.current = schedule;
    schedule.refreshNow();

    // Only a change signal: this client never edits, and sets no presence.
    const client = new BoardClient(boardId, { memberToken: token ?? undefined });
    const onUpdate = () => schedule.changed();
    let doc: Y.Doc = client.doc;
    doc.on("update", onUpdate);
    const offs = [
      client.on("reset", (next) => {
        doc.off("update", onUpdate);
        doc = next;
        doc.on("update", onUpdate);
        schedule.changed();
      }),
      client.on("votes", onUpdate),
    ];
    return () => {
      schedule.dispose();
      controller.abort();
      offs.forEach((off) => off());
      doc.off("update", onUpdate);
      client.destroy();
      refresher.current = null;
    };
  }, [boardId, token]);

  const refresh = useCallback(() => refresher.current?.refreshNow(), []);
  return { load, updating, refresh };
}
