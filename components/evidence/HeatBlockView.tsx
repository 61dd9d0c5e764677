"use client";
import { Fragment, memo, type ReactNode } from "react";
import type { ArticleBlock } from "@/components/article/blocks";
import { describePassageHeat, type HeatMap, type PassageHeat } from "@/lib/evidence/heat";
import { heatStyle } from "./heat-style";
import articleStyles from "@/components/article/ArticlePane.module.css";
import styles from "./HeatMap.module.css";

const TAGS = { headline: "h2", dateline: "p", subheading: "h3", paragraph: "p" } as const;

interface HeatBlockViewProps {
  block: ArticleBlock;
  /** The passages inside this block, in reading order. */
  passages: PassageHeat[];
  map: HeatMap;
  /** Prefix of the ids of the passages' spoken descriptions (see HeatDescriptions). */
  describedByPrefix: string;
  /** Rendering for the projector: larger type, no keyboard stops. */
  focusable?: boolean;
}

/**
 * One block of the source shaded by the heat-map. Like ArticleBlockView, its DOM text is exactly the
 * source slice `[start16, end16)` — passage spans only wrap text, the contested marker is CSS — so a
 * selection still maps back to the source and Cite keeps working with the heat-map on.
 */
export const HeatBlockView = memo(function HeatBlockView({ block, passages, map, describedByPrefix, focusable = true }: HeatBlockViewProps) {
  const Tag = TAGS[block.kind];
  const pieces: ReactNode[] = [];
  let at = block.start16;
  const plain = (from: number, to: number) => {
    if (to > from) pieces.push(<Fragment key={`t${from}`}>{block.text.slice(from - block.start16, to - block.start16)}</Fragment>);
  };
  for (const passage of passages) {
    const { unit } = passage;
    plain(at, unit.start16);
    const text = block.text.slice(unit.start16 - block.start16, unit.end16 - block.start16);
    const cited = passage.arguments > 0;
    // Only cited passages are marked text; the rest are plain spans, there to be scrolled to.
    const Mark = cited ? "mark" : "span";
    pieces.push(
      <Mark
        key={unit.start16}
        className={`${styles.passage} ${passage.contested ? styles.contested : ""}`}
        style={heatStyle(passage, map)}
        data-testid="heat-passage"
        data-heat-index={unit.index}
        data-cited-by={cited ? map.sides.filter((s) => passage.bySide[s.key]).map((s) => `${s.key}:${passage.bySide[s.key].arguments}`).join(" ") : undefined}
        data-contested={passage.contested || undefined}
        data-uncited={!cited || undefined}
        title={describePassageHeat(passage, map.sides)}
        aria-describedby={cited ? `${describedByPrefix}-${unit.index}` : undefined}
        tabIndex={focusable && cited ? 0 : -1}
      >
        {text}
      </Mark>,
    );
    at = unit.end16;
  }
  plain(at, block.end16);
  return (
    <Tag
      className={articleStyles[block.kind]}
      data-testid="article-block"
      data-block=""
      data-kind={block.kind}
      data-start={block.start}
      data-end={block.end}
      data-start16={block.start16}
      data-end16={block.end16}
    >
      {pieces}
    </Tag>
  );
});

/** The words each cited passage's `aria-describedby` points to, outside the article text. */
export function HeatDescriptions({ map, prefix }: { map: HeatMap; prefix: string }) {
  return (
    <div hidden>
      {map.passages
        .filter((p) => p.arguments > 0)
        .map((p) => (
          <span key={p.unit.index} id={`${prefix}-${p.unit.index}`}>
            {describePassageHeat(p, map.sides)}
          </span>
        ))}
    </div>
  );
}
