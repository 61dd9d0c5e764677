import styles from "./BoardScreen.module.css";

/** Why this person cannot write: watching as an observer, or the facilitator has locked the board. */
export function AccessBanner({ kind }: { kind: "readonly" | "locked" }) {
  return kind === "readonly" ? (
    <div className={styles.quiet} role="status" data-testid="readonly-banner">
      <strong>Read-only.</strong> You are following this board as an observer: arguments appear here as the class writes them.
    </div>
  ) : (
    <div className={styles.quiet} role="status" data-testid="locked-banner">
      <strong>Locked by the facilitator.</strong> You can read everything, but nothing can be added or changed until it is unlocked.
    </div>
  );
}
