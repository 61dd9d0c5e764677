import styles from "./BoardScreen.module.css";

/**
 * Shown when a remembered name turns out to be in use by someone else on this board (two students
 * called Sam): arguments signed "Sam" would be ambiguous, so ask for a distinguishing name.
 */
export function NameClashNotice({ name, onChangeName }: { name: string; onChangeName(): void }) {
  return (
    <div className={styles.notice} role="status" data-testid="name-clash">
      <p>
        Someone else here is also called <strong>{name}</strong> — change your name or add an initial so the class can tell you
        apart.
      </p>
      <button type="button" className="btn btn-sm" onClick={onChangeName}>
        Change name
      </button>
    </div>
  );
}
