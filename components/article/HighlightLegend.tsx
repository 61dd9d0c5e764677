import type { Position } from "@/lib/board/position";
import { positionStyle } from "@/components/common/positionColors";
import styles from "./ArticlePane.module.css";

/** Explains the highlight colours: each position's hue, solid when cited for it, striped when against. */
export function HighlightLegend({ positions }: { positions: Position[] }) {
  if (positions.length === 0) return null;
  return (
    <ul className={styles.legend} aria-label="Highlight key" data-testid="highlight-legend">
      {positions.map((p) => (
        <li key={p.id} style={positionStyle(p.color)} className={styles.legendItem}>
          <span className={styles.legendLabel}>{p.label}</span>
          <span className={styles.legendPair}>
            <span className={`${styles.swatch} ${styles.swatchFor}`} aria-hidden="true" /> for
            <span className={`${styles.swatch} ${styles.swatchAgainst}`} aria-hidden="true" /> against
          </span>
        </li>
      ))}
    </ul>
  );
}
