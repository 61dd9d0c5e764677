"use client";
import styles from "./SessionControls.module.css";

/** Opt out of being scrolled to whatever the facilitator spotlights (and back in). */
export function FollowToggle({ follow, onChange }: { follow: boolean; onChange(follow: boolean): void }) {
  return (
    <label className={styles.switch} title="Scroll to the argument the facilitator spotlights">
      <input type="checkbox" role="switch" checked={follow} onChange={(e) => onChange(e.target.checked)} data-testid="follow-spotlight" />
      <span className={styles.track} aria-hidden="true" />
      Follow spotlight
    </label>
  );
}
