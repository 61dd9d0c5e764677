"use client";
import { useEffect, useRef } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { positionStyle } from "@/components/common/positionColors";
import styles from "./ArticlePane.module.css";

export interface OpenHighlight {
  argumentIds: string[];
  x: number;
  y: number;
}

interface HighlightPopoverProps {
  open: OpenHighlight;
  argumentsById: ReadonlyMap<string, Argument>;
  positionsById: ReadonlyMap<string, Position>;
  onJump(argumentId: string): void;
  onClose(): void;
}

const excerpt = (text: string) => (text.length > 110 ? `${text.slice(0, 107).trimEnd()}…` : text);

/** Lists the arguments that cite a highlighted passage; choosing one jumps to its card. */
export function HighlightPopover({ open, argumentsById, positionsById, onJump, onClose }: HighlightPopoverProps) {
  const ref = useRef<HTMLDivElement>(null);

  // Move focus in once per opening, so keyboard users land on the list.
  useEffect(() => {
    ref.current?.querySelector("button")?.focus();
  }, [open]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    const onPointer = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [onClose]);

  const citing = open.argumentIds.map((id) => argumentsById.get(id)).filter((a): a is Argument => Boolean(a));
  return (
    <div ref={ref} className={styles.popover} style={{ left: open.x, top: open.y }} role="dialog" aria-label="Arguments citing this passage" data-testid="highlight-popover">
      <p className={styles.popoverTitle}>
        Cited by {citing.length} argument{citing.length === 1 ? "" : "s"}
      </p>
      <ul className={styles.popoverList}>
        {citing.map((arg) => {
          const position = positionsById.get(arg.positionId);
          return (
            <li key={arg.id}>
              <button type="button" className={styles.popoverItem} style={position ? positionStyle(position.color) : undefined} onClick={() => onJump(arg.id)}>
                <span className={styles.popoverMeta}>
                  <span className={styles.stanceTag} data-stance={arg.stance}>
                    {arg.stance === "for" ? "For" : "Against"}
                  </span>
                  {position?.label} · {arg.authorName}
                </span>
                <span className={styles.popoverText}>{excerpt(arg.text)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
