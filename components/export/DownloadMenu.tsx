"use client";
import { useCallback, useRef, useState } from "react";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/formats";
import { membershipKey, readMembership } from "@/components/identity/useMembership";
import { useDismiss } from "@/components/common/useDismiss";
import { downloadExport, type DownloadProgress } from "./download";
import styles from "./DownloadMenu.module.css";

interface MenuEntry {
  id: string;
  format: ExportFormat;
  label: string;
  description: string;
  query?: string;
}

/** Variants listed under their format: OVA's AIF, and the columns picture the map replaced as the default SVG. */
const VARIANTS: Partial<Record<ExportFormat, Omit<MenuEntry, "format">[]>> = {
  aif: [{ id: "aif-ova", label: "AIF for OVA3", description: "With OVA's layout and the source text", query: "&ova=1" }],
  svg: [{ id: "svg-columns", label: "SVG columns picture", description: "Positions side by side, For and Against lanes", query: "&layout=columns" }],
};

const ENTRIES: MenuEntry[] = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).flatMap((format): MenuEntry[] => [
  { id: format, format, label: EXPORT_FORMATS[format].label, description: EXPORT_FORMATS[format].description },
  ...(VARIANTS[format] ?? []).map((variant) => ({ ...variant, format })),
]);

/** The board's Download menu: every export format, with progress while a file is prepared. */
export function DownloadMenu({ boardId }: { boardId: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<{ label: string; progress: DownloadProgress } | null>(null);
  const [message, setMessage] = useState<{ kind: "done" | "error"; text: string } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const start = async (entry: MenuEntry) => {
    setOpen(false);
    setMessage(null);
    const url = `/api/boards/${encodeURIComponent(boardId)}/export?format=${entry.format}${entry.query ?? ""}`;
    try {
      const memberToken = readMembership(membershipKey(boardId))?.memberToken;
      const name = await downloadExport(url, (progress) => setBusy({ label: entry.label, progress }), { memberToken });
      setMessage({ kind: "done", text: `Downloaded ${name}` });
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={styles.menu} ref={root}>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy !== null}
        onClick={() => setOpen((v) => !v)}
        data-testid="download-menu-button"
      >
        {busy ? "Preparing…" : "Download"}
      </button>
      {open && (
        <ul className={styles.list} role="menu" data-testid="download-menu">
          {ENTRIES.map((entry) => (
            <li key={entry.id} role="none">
              <button type="button" role="menuitem" className={styles.item} onClick={() => void start(entry)} data-testid={`download-${entry.id}`}>
                <span className={styles.label}>{entry.label}</span>
                <span className={styles.description}>{entry.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {busy && (
        <div className={styles.status} role="status" data-testid="download-progress">
          <span>Preparing {busy.label}…</span>
          <progress max={1} value={busy.progress.fraction ?? undefined} aria-label={`Preparing ${busy.label}`} />
        </div>
      )}
      {!busy && message && (
        <div className={message.kind === "error" ? styles.error : styles.status} role={message.kind === "error" ? "alert" : "status"} data-testid={`download-${message.kind}`}>
          <span>{message.text}</span>
          <button type="button" className={styles.dismiss} onClick={() => setMessage(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
