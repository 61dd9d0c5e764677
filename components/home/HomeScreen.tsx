import type { BoardSummary } from "@/lib/views/board-views";
import { DemoCard } from "./DemoCard";
import { ImportForm } from "./ImportForm";
import { JoinForm } from "./JoinForm";
import { MyBoards } from "./MyBoards";
import { NewBoardForm } from "./NewBoardForm";
import { RecentBoards } from "./RecentBoards";
import styles from "./Home.module.css";

interface HomeScreenProps {
  recent: BoardSummary[] | null;
  now: number;
}

/** The front door: see the demo, join a class's board by code, or start a new one. */
export function HomeScreen({ recent, now }: HomeScreenProps) {
  return (
    <div className={styles.page}>
      <header className={styles.hero}>
        <div className={styles.brandRow}>
          <span className={styles.logo} aria-hidden="true">
            P
          </span>
          <span className={styles.brand}>Parley</span>
        </div>
        <h1 className={styles.tagline}>Debate the text, quote by quote.</h1>
        <p className={styles.lede}>
          A live board where a class maps the arguments for and against each position — and every argument points to the exact
          words in the article that back it up.
        </p>
      </header>
      <main className={styles.grid}>
        <div className={styles.mainColumn}>
          <DemoCard />
          <MyBoards now={now} />
          <RecentBoards boards={recent} now={now} />
        </div>
        <div className={styles.sideColumn}>
          <div className={styles.card}>
            <JoinForm />
          </div>
          <div className={styles.card}>
            <NewBoardForm />
          </div>
          <div className={styles.card}>
            <ImportForm />
          </div>
        </div>
      </main>
    </div>
  );
}
