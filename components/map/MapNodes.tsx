"use client";
import { Handle, Position as Side, type Node, type NodeProps } from "@xyflow/react";
import type { CSSProperties } from "react";
import { MAP_NODE, type MapNodeSpec } from "@/lib/map/graph";
import { positionStyle } from "@/components/common/positionColors";
import { useRules } from "@/components/board/useBoardRules";
import { MAP_FONT } from "./map-style";
import { useMapUi } from "./MapContext";
import styles from "./MapView.module.css";

export type MapFlowNode = Node<{ spec: MapNodeSpec }, "position" | "argument">;

/**
 * The box is exactly the spec's size and shows exactly the spec's lines (lib/map/graph.ts), so the
 * screen and the SVG/PNG/PDF exports draw the same map.
 */
function boxStyle(spec: MapNodeSpec, size: { size: number; line: number }): CSSProperties {
  return { width: spec.width, height: spec.height, padding: MAP_NODE.padding, fontFamily: MAP_FONT, fontSize: size.size, lineHeight: `${size.line}px` };
}

function Handles() {
  // Edges need anchor points; nobody draws new edges on this map, so they are invisible and inert.
  return (
    <>
      <Handle type="target" position={Side.Top} isConnectable={false} className={styles.handle} />
      <Handle type="source" position={Side.Bottom} isConnectable={false} className={styles.handle} />
    </>
  );
}

function FoldButton({ id, folded, hidden }: { id: string; folded: boolean; hidden: number }) {
  const { toggle } = useMapUi();
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`nodrag nopan ${styles.fold}`}
      aria-expanded={!folded}
      aria-label={folded ? `Show ${hidden} hidden ${hidden === 1 ? "answer" : "answers"}` : "Hide the answers below"}
      title={folded ? "Expand (Space)" : "Collapse (Space)"}
      data-testid="map-fold"
      onClick={(event) => {
        event.stopPropagation();
        toggle(id);
      }}
    >
      {folded ? "+" : "−"}
    </button>
  );
}

export function PositionNode({ data }: NodeProps<MapFlowNode>) {
  const { spec } = data;
  const { positionsById, childCount } = useMapUi();
  const position = positionsById.get(spec.id);
  const folded = spec.hiddenCount > 0;
  return (
    <div className={styles.positionNode} style={{ ...boxStyle(spec, MAP_NODE.positionText), ...(position ? positionStyle(position.color) : {}) }}>
      <Handles />
      {spec.lines.map((line, i) => (
        <span key={i} className={styles.line}>
          {line}
        </span>
      ))}
      {folded ? <span className={styles.meta}>+{spec.hiddenCount} hidden</span> : null}
      {(childCount.get(spec.id) ?? 0) > 0 ? <FoldButton id={spec.id} folded={folded} hidden={spec.hiddenCount} /> : null}
    </div>
  );
}

export function ArgumentNode({ data }: NodeProps<MapFlowNode>) {
  const { spec } = data;
  const { argumentsById, childCount } = useMapUi();
  const rules = useRules();
  const arg = argumentsById.get(spec.id);
  const folded = spec.hiddenCount > 0;
  const quotes = arg?.quotes.length ?? 0;
  // The card's naming rule: anonymous boards show "Anonymous" except to facilitators.
  const author = arg ? rules.authorName(arg) : "";
  const meta = [spec.stance === "for" ? "For" : "Against", author, `${quotes} ${quotes === 1 ? "quote" : "quotes"}`, folded ? `+${spec.hiddenCount} hidden` : null];
  return (
    <div className={styles.argumentNode} data-stance={spec.stance} style={{ ...boxStyle(spec, MAP_NODE.text) }}>
      <Handles />
      {spec.lines.map((line, i) => (
        <span key={i} className={styles.line}>
          {line}
        </span>
      ))}
      <span className={styles.meta} style={{ lineHeight: `${MAP_NODE.meta.line}px` }} data-testid="map-node-meta">
        {meta.filter(Boolean).join(" · ")}
      </span>
      {(childCount.get(spec.id) ?? 0) > 0 ? <FoldButton id={spec.id} folded={folded} hidden={spec.hiddenCount} /> : null}
    </div>
  );
}

export const MAP_NODE_TYPES = { position: PositionNode, argument: ArgumentNode };
