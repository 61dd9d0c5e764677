"use client";
import { useState } from "react";
import type { ContributionRow } from "@/lib/review/contributions";
import type { ReviewMember } from "@/lib/review/history";
import { fileNameFrom } from "@/components/export/download";
import { clockTime } from "./format";
import styles from "./Contributions.module.css";
import shared from "./Review.module.css";

interface ContributionsTableProps {
  boardId: string;
  rows: readonly ContributionRow[];
  members: readonly ReviewMember[];
  token: string;
}

const COUNTS = [
  ["arguments", "Arguments"],
  ["rebuttals", "Rebuttals"],
  ["supports", "Supports"],
  ["quotes", "Quotes"],
  ["votes", "Votes"],
  ["edits", "Edits"],
] as const;

/** Per-participant counts for grading, with the same numbers as a CSV download. */
export function ContributionsTable({ boardId, rows, members, token }: ContributionsTableProps) {
  const names = new Map(members.map((m) => [m.id, m.displayName]));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadCsv(boardId, token);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.contributions} aria-labelledby="contributions-title">
      <div className={shared.sectionHead}>
        <h2 id="contributions-title" className={shared.sectionTitle}>
          Contributions
        </h2>
        <button type="button" className="btn btn-sm" onClick={download} disabled={busy} data-testid="contributions-csv">
          {busy ? "Preparing…" : "Download CSV"}
        </button>
      </div>
      <p className="hint">Counts what is on the board at the end (deleted arguments earn nothing); a changed rating counts once.</p>
      {error ? <p className="error-text" role="alert">{error}</p> : null}
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="contributions-table">
          <thead>
            <tr>
              <th scope="col">Member</th>
              {COUNTS.map(([key, label]) => (
                <th key={key} scope="col" className={styles.num}>
                  {label}
                </th>
              ))}
              <th scope="col">Active</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.memberId} data-member-id={row.memberId}>
                <th scope="row">
                  {names.get(row.memberId) ?? "?"} {row.role !== "participant" ? <span className={styles.role}>{row.role}</span> : null}
                </th>
                {COUNTS.map(([key]) => (
                  <td key={key} className={styles.num}>
                    {row[key]}
                  </td>
                ))}
                <td>{row.firstActivity !== null && row.lastActivity !== null ? `${clockTime(row.firstActivity)}–${clockTime(row.lastActivity)}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Fetches the CSV with the token in a header (not in the URL, where history and logs would keep it)
 * and hands it to the browser as a file.
 */
async function downloadCsv(boardId: string, token: string): Promise<void> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/contributions.csv`, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The download failed (HTTP ${response.status}).`);
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileNameFrom(response.headers.get("content-disposition")) ?? "contributions.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
