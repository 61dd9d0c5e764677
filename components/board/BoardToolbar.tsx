"use client";
import { useId } from "react";
import type { Stance } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import type { Team } from "@/lib/session/session";
import { ARGUMENT_SORTS, isNarrowed, SEARCH_MAX_CHARS, type ArgumentQuery, type ArgumentSort } from "@/lib/views/argument-query";
import { UndoButtons } from "@/components/undo/UndoButtons";
import styles from "./BoardToolbar.module.css";

const SORT_LABELS: Record<ArgumentSort, string> = { oldest: "Oldest first", newest: "Newest first", votes: "Most votes", strength: "Strongest" };

interface BoardToolbarProps {
  query: ArgumentQuery;
  onChange(patch: Partial<ArgumentQuery> | null): void;
  positions: Position[];
  teams: Team[];
  /** "My arguments" needs to know who this is. */
  canFilterMine: boolean;
  /** Sorting by votes means something only where this person sees results. */
  canSortByVotes: boolean;
  matching: number;
  total: number;
  onCollapseAll(): void;
  onExpandAll(): void;
}

/**
 * Search, filters and order for the argument board. Everything here narrows or orders what is shown;
 * nothing changes the board itself, except the undo and redo of this person's own changes at its start. One row on a desktop, wrapping on a tablet or phone.
 */
export function BoardToolbar(props: BoardToolbarProps) {
  const { query, onChange, positions, teams, canFilterMine, canSortByVotes, matching, total } = props;
  const searchId = useId();
  const narrowed = isNarrowed(query);
  const sorts = ARGUMENT_SORTS.filter((s) => canSortByVotes || (s !== "votes" && s !== "strength") || query.sort === s);
  return (
    <div className={styles.toolbar} role="search" aria-label="Search and filter the arguments" data-testid="board-toolbar">
      <UndoButtons />
      <label htmlFor={searchId} className="visually-hidden">
        Search arguments
      </label>
      <input
        id={searchId}
        type="search"
        className={`input ${styles.search}`}
        placeholder="Search text, author, team, quote…"
        value={query.text}
        maxLength={SEARCH_MAX_CHARS}
        data-testid="board-search"
        onChange={(e) => onChange({ text: e.target.value })}
      />
      <div className={styles.filters}>
        <select
          className={`input ${styles.select}`}
          aria-label="Position"
          data-testid="filter-position"
          value={query.positionKey ?? ""}
          onChange={(e) => onChange({ positionKey: e.target.value || null })}
        >
          <option value="">All positions</option>
          {positions.map((p) => (
            <option key={p.id} value={p.key}>
              {p.label}
            </option>
          ))}
        </select>
        <select
          className={`input ${styles.select}`}
          aria-label="Stance"
          data-testid="filter-stance"
          value={query.stance ?? ""}
          onChange={(e) => onChange({ stance: (e.target.value || null) as Stance | null })}
        >
          <option value="">For and against</option>
          <option value="for">For only</option>
          <option value="against">Against only</option>
        </select>
        {teams.length > 0 ? (
          <select
            className={`input ${styles.select}`}
            aria-label="Team"
            data-testid="filter-team"
            value={query.teamId ?? ""}
            onChange={(e) => onChange({ teamId: e.target.value || null })}
          >
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : null}
        <label className={styles.check}>
          <input type="checkbox" checked={query.noQuote} data-testid="filter-noquote" onChange={(e) => onChange({ noQuote: e.target.checked })} />
          No quote
        </label>
        {canFilterMine ? (
          <label className={styles.check}>
            <input type="checkbox" checked={query.mine} data-testid="filter-mine" onChange={(e) => onChange({ mine: e.target.checked })} />
            Mine
          </label>
        ) : null}
        <select
          className={`input ${styles.select}`}
          aria-label="Order"
          data-testid="board-sort"
          value={query.sort}
          onChange={(e) => onChange({ sort: e.target.value as ArgumentSort })}
        >
          {sorts.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.summary}>
        <span aria-live="polite" data-testid="board-match-count" data-matching={matching} data-total={total}>
          {narrowed ? `${matching} of ${total} match` : `${total} argument${total === 1 ? "" : "s"}`}
        </span>
        {narrowed ? (
          <button type="button" className="btn btn-ghost btn-sm" data-testid="filter-clear" onClick={() => onChange(null)}>
            Clear
          </button>
        ) : (
          <>
            <button type="button" className="btn btn-ghost btn-sm" data-testid="collapse-all" onClick={props.onCollapseAll}>
              Collapse replies
            </button>
            <button type="button" className="btn btn-ghost btn-sm" data-testid="expand-all" onClick={props.onExpandAll}>
              Expand
            </button>
          </>
        )}
      </div>
    </div>
  );
}
