"use client";
import { BaseEdge, type Edge, type EdgeProps } from "@xyflow/react";
import type { MapRelation } from "@/lib/map/graph";
import type { Point } from "@/lib/map/layout";
import { MAP_RELATION_STYLE } from "./map-style";

export type MapFlowEdge = Edge<{ relation: MapRelation; points: Point[] }, "relation">;

/**
 * An answer's edge, drawn along ELK's route (the same one the exports draw), from what is answered
 * down to the answer. The marker sits at the answered end: an arrow for support, a flat bar for attack.
 */
export function RelationEdge({ id, data, sourceX, sourceY, targetX, targetY }: EdgeProps<MapFlowEdge>) {
  const relation = data?.relation ?? "support";
  const style = MAP_RELATION_STYLE[relation];
  const points = data?.points ?? [];
  const path = points.length >= 2 ? `M ${points.map((p) => `${p.x},${p.y}`).join(" L ")}` : `M ${sourceX},${sourceY} L ${targetX},${targetY}`;
  return <BaseEdge id={id} path={path} markerStart={`url(#${style.marker})`} style={{ stroke: style.color, strokeWidth: 2, strokeDasharray: style.dash }} />;
}

export const MAP_EDGE_TYPES = { relation: RelationEdge };

/** The markers' definitions, once per page: `orient="auto-start-reverse"` turns them to face the answered node. */
export function RelationMarkers() {
  return (
    <svg width="0" height="0" style={{ position: "absolute" }} aria-hidden="true" focusable="false">
      <defs>
        <marker id={MAP_RELATION_STYLE.support.marker} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill={MAP_RELATION_STYLE.support.color} />
        </marker>
        <marker id={MAP_RELATION_STYLE.attack.marker} viewBox="0 0 10 10" refX="2" refY="5" markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M2,0 L2,10" stroke={MAP_RELATION_STYLE.attack.color} strokeWidth="3" />
        </marker>
      </defs>
    </svg>
  );
}

/** What the two kinds of line mean, drawn with the same colour and dash as the edges. */
export function RelationLegend() {
  return (
    <ul aria-label="Legend" data-testid="map-legend" style={{ listStyle: "none", margin: 0, padding: "0.35rem 0.6rem", display: "grid", gap: "0.2rem", background: "var(--surface, #fff)", border: "1px solid var(--border, #ccc)", borderRadius: 6, fontSize: 13 }}>
      {(["support", "attack"] as const).map((relation) => {
        const style = MAP_RELATION_STYLE[relation];
        return (
          <li key={relation} style={{ display: "flex", alignItems: "center", gap: "0.45rem" }}>
            <svg width="34" height="12" aria-hidden="true" focusable="false">
              <line x1="2" y1="6" x2="30" y2="6" stroke={style.color} strokeWidth="2" strokeDasharray={style.dash} markerEnd={`url(#${style.marker})`} />
            </svg>
            <span>{relation === "support" ? "Supports (solid, arrow)" : "Attacks (dashed, bar)"}</span>
          </li>
        );
      })}
    </ul>
  );
}
