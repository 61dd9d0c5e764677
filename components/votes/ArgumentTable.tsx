"use client";
import { useMemo, useState } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import type { ArgumentTally } from "@/lib/session/votes";
import { formatAverage } from "./chart-scale";
import { argumentRows, sortRows, type SortDirection, type SortKey } from "./results-rows";
import styles from "./ResultsPanel.module.css";
import tables from "./ResultsTables.module.css";

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: "text", label: "Argument", numeric: false },
  { key: "position", label: "Position", numeric: false },
  { key: "strength", label: "Strength", numeric: true },
  { key: "quoteSupport", label: "Quote support", numeric: true },
  { key: "votes", label: "Votes", numeric: true },
];

const excerpt = (text: string) => (text.length > 110 ? `${text.slice(0, 107).trimEnd()}…` : text);

/**
 * Every argument's averages, sortable by any column. Numbers start high-to-low (who won), text
 * columns A to Z; pressing the same header again flips the order.
 */
export function ArgumentTable({ args, positions, tallies }: { args: Argument[]; positions: Position[]; tallies: ArgumentTally[] }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: "strength", direction: "descending" });
  const rows = useMemo(() => sortRows(argumentRows(args, positions, tallies), sort.key, sort.direction), [args, positions, tallies, sort]);

  const sortBy = (key: SortKey, numeric: boolean) =>
    setSort((s) =>
      s.key === key ? { key, direction: s.direction === "ascending" ? "descending" : "ascending" } : { key, direction: numeric ? "descending" : "ascending" },
    );

  if (rows.length === 0) {
    return (
      <p className={styles.empty} data-testid="results-table">
        No arguments on the board yet.
      </p>
    );
  }
  return (
    <div className={tables.scroll}>
      <table className={tables.table} data-testid="results-table">
        <caption className="visually-hidden">Averages per argument; column headers sort the table</caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => (
              <th key={col.key} scope="col" className={col.numeric ? tables.num : undefined} aria-sort={sort.key === col.key ? sort.direction : undefined}>
                <button type="button" className={tables.sortButton} data-testid={`results-sort-${col.key}`} onClick={() => sortBy(col.key, col.numeric)}>
                  {col.label}
                  <span aria-hidden="true" className={tables.sortMark}>
                    {sort.key === col.key ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-argument-id={row.id}>
              <th scope="row" className={tables.argumentCell}>
                <span className={tables.sideMark} data-side={row.side}>
                  {row.side === "for" ? "for" : "against"}
                </span>
                {row.reply ? <span className={tables.replyMark}>reply</span> : null}
                {excerpt(row.text)}
              </th>
              <td>{row.positionLabel}</td>
              <td className={tables.num}>{formatAverage(row.strength)}</td>
              <td className={tables.num}>{formatAverage(row.quoteSupport)}</td>
              <td className={tables.num}>{row.votes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
