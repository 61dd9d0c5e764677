import type { DiffOp } from "@/lib/anchoring/similarity";
import styles from "./SourceRevision.module.css";

/** A word diff: removed words struck through, added words underlined, each also named for screen readers. */
export function DiffText({ ops }: { ops: DiffOp[] }) {
  return (
    <span className={styles.diff}>
      {ops.map((op, index) =>
        op.op === "equal" ? (
          <span key={index}>{op.text}</span>
        ) : op.op === "delete" ? (
          <del key={index} aria-label={`removed: ${op.text}`}>
            {op.text}
          </del>
        ) : (
          <ins key={index} aria-label={`added: ${op.text}`}>
            {op.text}
          </ins>
        ),
      )}
    </span>
  );
}
