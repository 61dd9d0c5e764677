import styles from "./BoardScreen.module.css";

type BannerKind = "readonly" | "locked" | "ended" | "archived";

/**
 * Why this person cannot write: watching as an observer, the facilitator has locked the board, the
 * session has ended or the board is archived. Facilitators see the last two too, with what they may still do.
 */
export function AccessBanner({ kind, facilitator = false }: { kind: BannerKind; facilitator?: boolean }) {
  if (kind === "ended" || kind === "archived") {
    const what = kind === "ended" ? "This session has ended." : "This board is archived.";
    const rest = facilitator
      ? `Only facilitators can change it now; ${kind === "ended" ? "reopen the session" : "unarchive it"} from the facilitator panel to let the class back in.`
      : "You can read everything and download it, but nothing can be added or changed.";
    return (
      <div className={styles.quiet} role="status" data-testid={`${kind}-banner`}>
        <strong>{what}</strong> {rest}
      </div>
    );
  }
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
