"use client";
import { Fragment, memo, type KeyboardEvent, type MouseEvent } from "react";
import type { ArticleBlock } from "./blocks";
import { highlightStyle, type Segment } from "./highlights";
import styles from "./ArticlePane.module.css";

// The board title is the page's one h1 (TopBar); the article's headline ranks below it.
const TAGS = { headline: "h2", dateline: "p", subheading: "h3", paragraph: "p" } as const;

interface ArticleBlockViewProps {
  block: ArticleBlock;
  segments: Segment[];
  /** A highlighted run was activated: show which arguments cite it. */
  onOpenHighlight(argumentIds: string[], target: HTMLElement): void;
  /** Hover text for a highlighted run: who cites it, for or against what. */
  describe(argumentIds: string[]): string;
  selectedArgumentId?: string | null;
}

function citedBy(segment: Segment): string[] {
  return [...new Set(segment.citations.map((c) => c.argumentId))];
}

/**
 * One block of the source. Its DOM text is exactly the source slice `[start16, end16)` — highlight
 * spans only wrap text, never add any — which is what lets a selection map back to source offsets.
 */
export const ArticleBlockView = memo(function ArticleBlockView({ block, segments, onOpenHighlight, describe, selectedArgumentId = null }: ArticleBlockViewProps) {
  const Tag = TAGS[block.kind];

  const open = (segment: Segment) => (event: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => {
    if ("key" in event && event.key !== "Enter" && event.key !== " ") return;
    // A drag that starts on a highlight is someone selecting text to cite, not asking who cited it.
    if (!("key" in event) && !document.getSelection()?.isCollapsed) return;
    event.preventDefault();
    onOpenHighlight(citedBy(segment), event.currentTarget);
  };

  return (
    <Tag
      className={styles[block.kind]}
      data-testid="article-block"
      data-block=""
      data-kind={block.kind}
      data-start={block.start}
      data-end={block.end}
      data-start16={block.start16}
      data-end16={block.end16}
    >
      {segments.map((segment) => {
        const key = segment.start16;
        if (segment.citations.length > 0) {
          const ids = citedBy(segment);
          const selected = selectedArgumentId !== null && ids.includes(selectedArgumentId);
          return (
            <mark
              key={key}
              className={`${styles.highlight} ${segment.flash ? styles.flash : ""} ${segment.draft ? styles.draft : ""} ${selected ? styles.selected : ""}`}
              style={highlightStyle(segment.citations)}
              data-testid="highlight"
              data-argument-ids={ids.join(" ")}
              data-flash={segment.flash || undefined}
              data-selected={selected || undefined}
              tabIndex={0}
              title={describe(ids)}
              onClick={open(segment)}
              onKeyDown={open(segment)}
            >
              {segment.text}
            </mark>
          );
        }
        if (segment.draft || segment.flash) {
          return (
            <mark
              key={key}
              className={`${segment.draft ? styles.draft : ""} ${segment.flash ? styles.flash : ""}`}
              data-testid={segment.draft ? "draft-highlight" : undefined}
              data-flash={segment.flash || undefined}
            >
              {segment.text}
            </mark>
          );
        }
        return <Fragment key={key}>{segment.text}</Fragment>;
      })}
    </Tag>
  );
});
