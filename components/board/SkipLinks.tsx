"use client";
import type { MouseEvent } from "react";
import { ARTICLE_TEXT_ID } from "@/components/article/ArticlePane";
import type { PaneName } from "./PaneSwitcher";
import styles from "./SkipLinks.module.css";

/** Where each skip link lands: the article's focusable text, and the argument pane. */
const TARGETS: { pane: PaneName; id: string; label: string; testId: string }[] = [
  { pane: "article", id: ARTICLE_TEXT_ID, label: "Skip to the article", testId: "skip-to-article" },
  { pane: "board", id: "pane-board", label: "Skip to the arguments", testId: "skip-to-arguments" },
];

/**
 * The first stops of the board page's tab order, shown only when focused: straight to the article
 * (to read and cite with the keyboard) or to the arguments, past the top bar's many controls. On a
 * narrow screen the target pane is switched into view before it takes focus.
 */
export function SkipLinks({ onShow }: { onShow(pane: PaneName): void }) {
  const go = (pane: PaneName, id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onShow(pane);
    // The pane may have been hidden (display: none) until this render: focus it once it is shown.
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  };
  return (
    <nav className={styles.links} aria-label="Skip links">
      {TARGETS.map(({ pane, id, label, testId }) => (
        <a key={id} href={`#${id}`} className={styles.link} onClick={go(pane, id)} data-testid={testId}>
          {label}
        </a>
      ))}
    </nav>
  );
}
