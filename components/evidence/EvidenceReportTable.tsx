"use client";
import { formatPassage, formatShare, formatSupport, EVIDENCE_NOTE } from "@/lib/evidence/format";
import type { EvidenceReport, EvidenceRow } from "@/lib/evidence/report";
import { positionStyle } from "@/components/common/positionColors";
import styles from "./EvidenceReport.module.css";
import { useLiveEvidenceReport } from "./useLiveEvidenceReport";

/** The evidence report per side and per team, as this reader may see it; follows the board live. */
export function EvidenceReportSection({ boardId, token }: { boardId: string; token: string | null }) {
  const { load, updating, refresh: reload } = useLiveEvidenceReport(boardId, token);
  return (
    <section className={styles.section} aria-labelledby="evidence-report-title" data-testid="evidence-report">
      <div className={styles.head}>
        <h2 id="evidence-report-title" className={styles.title}>
          Evidence report
        </h2>
        <button type="button" className="btn btn-sm" onClick={reload} data-testid="evidence-report-refresh">
          Refresh
        </button>
        <span className="hint" role="status" aria-live="polite" data-testid="evidence-report-updating">
          {updating && load.status !== "loading" ? "updating…" : ""}
        </span>
      </div>
      <p className="hint">{EVIDENCE_NOTE}</p>
      {load.status === "loading" ? <p>Loading the evidence report…</p> : null}
      {load.status === "error" ? (
        <p className="error-text" role="alert">
          {load.message}
        </p>
      ) : null}
      {load.status === "ready" ? <ReportTables report={load.report} /> : null}
    </section>
  );
}

function ReportTables({ report }: { report: EvidenceReport }) {
  const { passages } = report;
  return (
    <>
      <p data-testid="evidence-passages">
        {passages.cited} of {passages.total} sentences cited · {passages.contested} contested · {passages.uncited} not yet cited
      </p>
      <RowsTable caption="Per side" rows={report.sides} report={report} testId="evidence-sides" />
      {report.teams.length > 0 ? <RowsTable caption="Per team" rows={report.teams} report={report} testId="evidence-teams" /> : null}
      {report.quotelessDraftsWithoutTeam ? <p className="hint">{report.quotelessDraftsWithoutTeam} quoteless draft(s) by people on no team.</p> : null}
    </>
  );
}

function RowsTable({ caption, rows, report, testId }: { caption: string; rows: EvidenceRow[]; report: EvidenceReport; testId: string }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption === "Per team" ? "Team" : "Side"}</th>
            <th scope="col" className={styles.num}>
              Arguments
            </th>
            <th scope="col" className={styles.num}>
              With a quote
            </th>
            <th scope="col" className={styles.num}>
              Quote support
            </th>
            {report.draftsShown ? (
              <th scope="col" className={styles.num}>
                Quoteless drafts
              </th>
            ) : null}
            <th scope="col">Most-cited passages</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="evidence-row" data-key={row.key} style={positionStyle(row.color)}>
              <th scope="row" className={styles.label}>
                {row.label}
              </th>
              <td className={styles.num} data-testid="evidence-arguments">
                {row.arguments}
              </td>
              <td className={styles.num} data-testid="evidence-quoted">
                {row.quoted} ({formatShare(row)})
              </td>
              <td className={styles.num} data-testid="evidence-support">
                {formatSupport(row, report)}
              </td>
              {report.draftsShown ? (
                <td className={styles.num} data-testid="evidence-drafts">
                  {row.quotelessDrafts ?? "—"}
                </td>
              ) : null}
              <td>
                {row.topPassages.length === 0 ? (
                  "—"
                ) : (
                  <ol className={styles.passages}>
                    {row.topPassages.map((p) => (
                      <li key={p.index}>{formatPassage(p)}</li>
                    ))}
                  </ol>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
