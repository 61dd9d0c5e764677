import Link from "next/link";
import type { ErrorPayload } from "@/lib/errors/errors";
import styles from "./BoardScreen.module.css";

/** The board could not be joined at all: say so plainly and offer a way out. */
export function FailedBanner({ error }: { error: ErrorPayload | null }) {
  const notFound = error?.code === "board-not-found";
  return (
    <div className={styles.banner} role="alert" data-testid="failed-banner">
      <p>
        <strong>{notFound ? "This board no longer exists." : "We could not connect to this board."}</strong>{" "}
        {error && !notFound ? error.message : null} You can still read the article, but new arguments will not be saved.
      </p>
      <div className={styles.bannerActions}>
        {!notFound ? (
          <button type="button" className="btn btn-sm" onClick={() => window.location.reload()}>
            Try again
          </button>
        ) : null}
        <Link href="/" className="btn btn-sm">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
