import Link from "next/link";
import styles from "./DemoCard.module.css";

/** The seeded demo board, for a first look before anyone sets up their own. */
export function DemoCard() {
  return (
    <section className={styles.demo} aria-labelledby="demo-heading" data-testid="demo-card">
      <p className={styles.eyebrow}>Try the demo board</p>
      <h2 id="demo-heading" className={styles.demoTitle}>
        Can the US and Pakistan reset bilateral ties?
      </h2>
      <p className={styles.demoSource}>DW · 5 September 2018</p>
      <p className={styles.demoText}>
        Two positions — <span className={styles.us}>the US</span> and <span className={styles.pak}>the Pakistani military</span> — with
        arguments for and against each, every one quoting the article.
      </p>
      <div className={styles.demoActions}>
        <Link href="/b/demo" className="btn btn-primary" data-testid="open-demo">
          Open the demo board
        </Link>
        <span className={styles.demoCode}>
          or join with code <strong>DEMO18</strong>
        </span>
      </div>
    </section>
  );
}
