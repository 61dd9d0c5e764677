import type { CSSProperties } from "react";
import type { Argument, Stance } from "@/lib/board/argument";
import type { Position, PositionColor } from "@/lib/board/position";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import type { ArticleBlock } from "./blocks";
import type { OffsetMapper } from "./offsets";

/** One quote of one saved argument, located in the source by UTF-16 indices. */
export interface Citation {
  argumentId: string;
  color: PositionColor;
  stance: Stance;
  start16: number;
  end16: number;
}

export interface Range16 {
  start16: number;
  end16: number;
}

/**
 * A run of a block's text over which the set of marks does not change. Overlapping quotes split the
 * text into such runs, so every quote still shows even where it crosses another one.
 */
export interface Segment extends Range16 {
  text: string;
  citations: Citation[];
  /** Inside a quote of the argument being written (not yet saved). */
  draft: boolean;
  /** Inside the passage the reader just jumped to from a card. */
  flash: boolean;
}

export function collectCitations(args: Argument[], positions: Position[], mapper: OffsetMapper): Citation[] {
  const colorOf = new Map(positions.map((p) => [p.id, p.color]));
  const out: Citation[] = [];
  for (const arg of args) {
    const color = colorOf.get(arg.positionId) ?? "indigo";
    for (const quote of arg.quotes) {
      const start16 = mapper.toUtf16(quote.start);
      const end16 = mapper.toUtf16(quote.end);
      if (start16 >= 0 && end16 > start16) out.push({ argumentId: arg.id, color, stance: arg.stance, start16, end16 });
    }
  }
  return out;
}

const overlaps = (a: Range16, b: Range16) => a.start16 < b.end16 && b.start16 < a.end16;
const covers = (outer: Range16, inner: Range16) => outer.start16 <= inner.start16 && inner.end16 <= outer.end16;

/** Cuts a block into segments at every boundary of a citation, a draft quote or the flashed passage. */
export function segmentBlock(block: ArticleBlock, citations: Citation[], drafts: Range16[], flash: Range16 | null): Segment[] {
  const mine = citations.filter((c) => overlaps(c, block));
  const myDrafts = drafts.filter((d) => overlaps(d, block));
  const myFlash = flash && overlaps(flash, block) ? flash : null;
  const cuts = new Set<number>([block.start16, block.end16]);
  for (const r of [...mine, ...myDrafts, ...(myFlash ? [myFlash] : [])]) {
    cuts.add(Math.max(block.start16, r.start16));
    cuts.add(Math.min(block.end16, r.end16));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const piece = { start16: points[i], end16: points[i + 1] };
    segments.push({
      ...piece,
      text: block.text.slice(piece.start16 - block.start16, piece.end16 - block.start16),
      citations: mine.filter((c) => covers(c, piece)),
      draft: myDrafts.some((d) => covers(d, piece)),
      flash: myFlash ? covers(myFlash, piece) : false,
    });
  }
  return segments;
}

/**
 * Paint for a highlighted run: one translucent layer per (position, stance) pair, so overlaps darken.
 * "for" is a solid tint with a solid underline; "against" is the same hue in stripes with a dashed one.
 */
export function highlightStyle(citations: Citation[]): CSSProperties {
  const seen = new Set<string>();
  const layers: string[] = [];
  for (const c of citations) {
    const key = `${c.color}:${c.stance}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { tint } = POSITION_PALETTES[c.color];
    layers.push(
      c.stance === "for"
        ? `linear-gradient(${tint}, ${tint})`
        : `repeating-linear-gradient(-45deg, ${tint} 0 5px, transparent 5px 9px)`,
    );
  }
  const first = citations[0];
  return {
    backgroundImage: layers.join(", "),
    borderBottom: `2px ${first.stance === "for" ? "solid" : "dashed"} ${POSITION_PALETTES[first.color].base}`,
  };
}
