"use client";
import { useId, useRef, type KeyboardEvent } from "react";
import styles from "./VoteControls.module.css";

export const RATINGS = [1, 2, 3, 4, 5] as const;

interface RatingRowProps {
  label: string;
  /** Spoken after the label, e.g. what 1 and 5 mean. */
  hint: string;
  value: number | null;
  disabled: boolean;
  /** data-testid prefix: `${testPrefix}-${n}` on each choice. */
  testPrefix: string;
  /** `fromKeyboard`: the arrow keys walk through values, so the caller may wait before sending. */
  onChange(value: number, fromKeyboard: boolean): void;
}

/**
 * A 1–5 rating as an ARIA radio group: one tab stop (the chosen value, or 1), arrow keys move and
 * choose, Home/End jump to the ends. Buttons rather than native radios so the choices can be small
 * squares without fighting the browser's radio styling.
 */
export function RatingRow({ label, hint, value, disabled, testPrefix, onChange }: RatingRowProps) {
  const labelId = useId();
  const hintId = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const focusable = value ?? 1;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, current: number) => {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowUp: current + 1, ArrowLeft: current - 1, ArrowDown: current - 1, Home: 1, End: 5 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const clamped = Math.min(5, Math.max(1, next));
    buttons.current[clamped - 1]?.focus();
    if (clamped !== value) onChange(clamped, true);
  };

  return (
    <div className={styles.row}>
      <span id={labelId} className={styles.rowLabel}>
        {label}
      </span>
      <div className={styles.choices} role="radiogroup" aria-labelledby={labelId} aria-describedby={hintId} aria-disabled={disabled || undefined}>
        {RATINGS.map((n) => (
          <button
            key={n}
            ref={(el) => {
              buttons.current[n - 1] = el;
            }}
            type="button"
            role="radio"
            aria-checked={value === n}
            aria-label={`${n} of 5`}
            tabIndex={n === focusable ? 0 : -1}
            disabled={disabled}
            className={styles.choice}
            data-filled={value !== null && n <= value ? "true" : undefined}
            data-testid={`${testPrefix}-${n}`}
            onClick={() => n !== value && onChange(n, false)}
            onKeyDown={(event) => onKeyDown(event, n)}
          >
            {n}
          </button>
        ))}
      </div>
      <span id={hintId} className="visually-hidden">
        {hint}
      </span>
    </div>
  );
}
