import Link from "next/link";
import styles from "./NotFoundCard.module.css";

/** The friendly 404: what probably happened and the two places worth going next. */
export function NotFoundCard({ title }: { title: string }) {
  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <p className={styles.code}>404</p>
        <h1 className={styles.title}>{title}</h1>
        <p className={styles.text}>
          The link may be mistyped, or the board may have been removed. If your teacher gave you a six-character join code, enter it
          on the home page.
        </p>
        <div className={styles.actions}>
          <Link href="/" className="btn btn-primary">
            Go to the home page
          </Link>
          <Link href="/b/demo" className="btn">
            Open the demo board
          </Link>
        </div>
      </div>
    </main>
  );
}
