"use client";
import { Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import { buildMapGraph } from "@/lib/map/graph";
import type { Point } from "@/lib/map/layout";
import { childCounts, MAP_ARROW_KEYS, mapNeighbour, revealInMap, viewportKeepingNode } from "@/lib/map/navigation";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { MAP_EDGE_TYPES, RelationLegend, RelationMarkers, type MapFlowEdge } from "./MapEdges";
import { MAP_NODE_TYPES, type MapFlowNode } from "./MapNodes";
import { MapUiContext, type MapUi } from "./MapContext";
import { MAP_RELATION_STYLE } from "./map-style";
import { MapOverviewCanvas } from "./MapOverviewCanvas";
import { useMapOverview } from "./useMapOverview";
import { useMapLayout } from "./useMapLayout";
import styles from "./MapView.module.css";

interface MapViewProps {
  positions: Position[];
  args: Argument[];
  /** The argument selected anywhere on the board screen (map, card or quote). */
  selectedId: string | null;
  /** A node was chosen on the map (click or Enter). */
  onSelect(argumentId: string): void;
}

/** Below this zoom the text is too small to read: nodes are drawn as plain boxes, which keeps panning smooth on a big board. */
const DETAIL_ZOOM = 0.4;

const KEYS_HELP = "Arrow keys move between nodes: up to what it answers, down to its answers, left and right to its neighbours. Enter selects, Space or minus folds its answers.";
const ARIA_LABELS = { "node.a11yDescription.default": KEYS_HELP, "node.a11yDescription.keyboardDisabled": KEYS_HELP };

/** The argument map: every position and argument as a box, answers below what they answer. */
export function MapView(props: MapViewProps) {
  return (
    <ReactFlowProvider>
      <MapCanvas {...props} />
    </ReactFlowProvider>
  );
}

function MapCanvas({ positions, args, selectedId, onSelect }: MapViewProps) {
  const flow = useReactFlow<MapFlowNode, MapFlowEdge>();
  const rootRef = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [focusId, setFocusId] = useState<string | null>(null);
  const [zoomedOut, setZoomedOut] = useState(false);
  // parentId is read fresh on every build: arguments can move to another parent.
  const graph = useMemo(() => buildMapGraph(positions, args, { collapsed }), [positions, args, collapsed]);
  const { laidOut, runs, error } = useMapLayout(graph);

  // Folding re-lays the map out and moves the folded node: remember where it was, and once the layout
  // of the folded graph is back, pan so that it stays there on screen.
  const foldAnchor = useRef<{ id: string; at: Point } | null>(null);
  const toggle = useCallback((id: string) => {
    const node = flow.getNode(id);
    foldAnchor.current = node ? { id, at: node.position } : null;
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, [flow]);
  useEffect(() => {
    const anchor = foldAnchor.current;
    if (!anchor || !laidOut || laidOut.graph !== graph) return;
    foldAnchor.current = null;
    const placed = laidOut.layout.nodes.find((n) => n.id === anchor.id);
    if (placed) void flow.setViewport(viewportKeepingNode(flow.getViewport(), anchor.at, placed));
  }, [laidOut, graph, flow]);
  const ui = useMemo<MapUi>(
    () => ({
      argumentsById: new Map(args.map((a) => [a.id, a])),
      positionsById: new Map(positions.map((p) => [p.id, p])),
      childCount: childCounts(args),
      toggle,
    }),
    [args, positions, toggle],
  );

  // The graph as it is now, placed where the latest layout put it: a node added since waits for the
  // next layout, a deleted one goes at once, an edited one shows its new text in its old place.
  const specById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const rovingId = focusId && specById.has(focusId) ? focusId : (graph.nodes[0]?.id ?? null);
  const nodes = useMemo<MapFlowNode[]>(() => {
    if (!laidOut) return [];
    return laidOut.layout.nodes.flatMap((placed) => {
      const spec = specById.get(placed.id);
      if (!spec) return [];
      const arg = ui.argumentsById.get(spec.id);
      const label =
        spec.kind === "position"
          ? `Position: ${spec.lines.join(" ")}`
          : `Argument ${spec.stance === "for" ? "for" : "against"}: ${arg?.text ?? spec.lines.join(" ")}`;
      return [
        {
          id: spec.id,
          type: spec.kind,
          position: { x: placed.x, y: placed.y },
          width: spec.width,
          height: spec.height,
          data: { spec },
          draggable: false,
          selectable: false,
          connectable: false,
          className: selectedId === spec.id ? styles.selected : undefined,
          ariaLabel: `${label}${spec.hiddenCount > 0 ? ` (${spec.hiddenCount} answers hidden)` : ""}${selectedId === spec.id ? " (selected)" : ""}`,
          ariaRole: "group",
          domAttributes: { tabIndex: spec.id === rovingId ? 0 : -1, "data-testid": "map-node", "data-kind": spec.kind, "data-parent-id": spec.parentId ?? undefined, "data-stance": spec.stance ?? undefined, "data-selected": selectedId === spec.id || undefined, "data-hidden-count": spec.hiddenCount } as Node["domAttributes"],
        },
      ];
    });
  }, [laidOut, specById, ui, selectedId, rovingId]);
  const edges = useMemo<MapFlowEdge[]>(() => {
    if (!laidOut) return [];
    const shown = new Set(nodes.map((n) => n.id));
    return laidOut.layout.edges
      .filter((e) => shown.has(e.source) && shown.has(e.target))
      .map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: "relation",
        data: { relation: e.relation, points: e.points },
        selectable: false,
        focusable: false,
        ariaLabel: `${MAP_RELATION_STYLE[e.relation].label}`,
        domAttributes: { "data-relation": e.relation } as MapFlowEdge["domAttributes"],
      }));
  }, [laidOut, nodes]);

  const { overview, layout: overviewLayout, zoomTo, nodeAt } = useMapOverview(laidOut?.layout ?? null, specById);
  // On the overview a click picks the box under the pointer, and the map zooms in to it.
  const pickOnOverview = (event: MouseEvent) => {
    const id = overview ? nodeAt(event) : null;
    if (!id) return;
    if (ui.argumentsById.has(id)) select(id);
    else setFocusId(id);
    zoomTo(id);
  };

  // Fit the whole map once, when it is first laid out.
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || nodes.length === 0) return;
    fitted.current = true;
    requestAnimationFrame(() => void flow.fitView({ padding: 0.08 }));
  }, [nodes.length, flow]);

  const focusRequest = useRef(0);
  const focusNode = useCallback(
    (id: string) => {
      setFocusId(id);
      // A pan still running (a zoom to the node focused before) can carry the view away again: the
      // attempts below bring the node back into view until it holds focus.
      const bringIntoView = () => {
        const node = flow.getNode(id);
        if (node && !isInView(flow.getViewport(), node)) void flow.setCenter(node.position.x + (node.width ?? 0) / 2, node.position.y + (node.height ?? 0) / 2, { zoom: flow.getZoom() });
      };
      bringIntoView();
      // Off-screen nodes are not rendered (onlyRenderVisibleElements), and a node is not focusable until the
      // render that makes it the tab stop has committed (on the overview the others are display: none): try
      // each frame until it holds focus.
      const request = ++focusRequest.current;
      let frames = 0;
      const attempt = () => {
        if (request !== focusRequest.current) return; // a later key press moved on
        const element = rootRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        element?.focus({ preventScroll: true });
        if (document.activeElement === element || ++frames >= 120) return;
        if (frames % 15 === 0) bringIntoView();
        requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [flow],
  );

  // A selection made here is already in view; one made on a card or a quote is brought into view.
  const centeredFor = useRef<string | null>(null);
  const select = useCallback(
    (id: string) => {
      if (!ui.argumentsById.has(id)) return;
      centeredFor.current = id;
      setFocusId(id);
      onSelect(id);
    },
    [ui, onSelect],
  );
  const argsRef = useRef(args);
  argsRef.current = args;
  useEffect(() => {
    if (selectedId) setCollapsed((current) => revealInMap(current, argsRef.current, selectedId));
  }, [selectedId]);
  useEffect(() => {
    if (!selectedId || centeredFor.current === selectedId) return;
    const node = nodes.find((n) => n.id === selectedId);
    if (!node) return;
    centeredFor.current = selectedId;
    setFocusId(selectedId);
    void flow.setCenter(node.position.x + (node.width ?? 0) / 2, node.position.y + (node.height ?? 0) / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
  }, [selectedId, nodes, flow]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains("react-flow__node")) return;
    const id = target.dataset.id;
    if (!id) return;
    const direction = MAP_ARROW_KEYS[event.key];
    if (direction) {
      event.preventDefault();
      const next = mapNeighbour(graph, id, direction);
      if (next) focusNode(next);
    } else if (event.key === "Enter") {
      event.preventDefault();
      select(id);
    } else if ((event.key === " " || event.key === "-" || event.key === "+") && (ui.childCount.get(id) ?? 0) > 0) {
      event.preventDefault();
      toggle(id);
    }
  };

  return (
    <MapUiContext.Provider value={ui}>
      <div
        ref={rootRef}
        className={styles.map}
        data-testid="map-view"
        data-layout-runs={runs}
        data-layout-ms={laidOut ? Math.round(laidOut.layoutMs) : undefined}
        data-layout-round-trip-ms={laidOut ? Math.round(laidOut.roundTripMs) : undefined}
        data-layout-mode={laidOut?.mode}
        data-node-count={nodes.length}
        data-detail={zoomedOut ? "low" : "full"}
        data-overview={overview || undefined}
        // A node reached by the keyboard while the map is too small to read (the overview, or boxes
        // without text) is brought to reading size, with its text and fold button.
        onFocus={(event) => {
          const id = (event.target as HTMLElement).classList.contains("react-flow__node") ? (event.target as HTMLElement).dataset.id : undefined;
          if ((overview || zoomedOut) && id) zoomTo(id);
        }}
      >
        <RelationMarkers />
        {overview && overviewLayout ? (
          <>
            <MapOverviewCanvas layout={overviewLayout} positionsById={ui.positionsById} selectedId={selectedId} />
            <p className="visually-hidden" data-testid="map-overview-note">
              The map is zoomed out to an overview picture. Zoom in with the zoom buttons, the mouse wheel or a click on a box, or press Tab to reach a node: the map zooms in to it.
            </p>
          </>
        ) : null}
        <ReactFlow<MapFlowNode, MapFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={MAP_NODE_TYPES}
          edgeTypes={MAP_EDGE_TYPES}
          onNodeClick={(_, node) => select(node.id)}
          onPaneClick={pickOnOverview}
          onKeyDown={onKeyDown}
          onMove={(_, viewport) => setZoomedOut(viewport.zoom < DETAIL_ZOOM)}
          // While the map moves it is one composited layer, not re-painted each frame; afterwards it is painted
          // again at the new zoom, so text stays sharp.
          onMoveStart={() => rootRef.current?.setAttribute("data-moving", "")}
          onMoveEnd={() => rootRef.current?.removeAttribute("data-moving")}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          panActivationKeyCode={null}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          onlyRenderVisibleElements
          minZoom={0.05}
          maxZoom={2}
          ariaLabelConfig={ARIA_LABELS}
          aria-label="Argument map"
          proOptions={{ hideAttribution: true }}
        >
          <Panel position="top-left">
            <RelationLegend />
          </Panel>
          <Controls showInteractive={false} aria-label="Zoom and fit" />
          <MiniMap pannable zoomable ariaLabel="Overview of the whole map" nodeColor={(node) => minimapColor(node as MapFlowNode, ui)} />
        </ReactFlow>
        {!laidOut && !error ? <p className={styles.status}>Laying out the map…</p> : null}
        {error ? (
          <p className={styles.status} role="alert">
            The map could not be laid out: {error}
          </p>
        ) : null}
      </div>
    </MapUiContext.Provider>
  );
}

function minimapColor(node: MapFlowNode, ui: MapUi): string {
  const spec = node.data.spec;
  const position = ui.positionsById.get(spec.positionId);
  if (spec.kind === "position") return position ? POSITION_PALETTES[position.color].base : "#888";
  return spec.stance === "for" ? MAP_RELATION_STYLE.support.color : MAP_RELATION_STYLE.attack.color;
}

function isInView(viewport: { x: number; y: number; zoom: number }, node: Node): boolean {
  const { x, y, zoom } = viewport;
  const box = document.querySelector(".react-flow")?.getBoundingClientRect();
  if (!box) return false;
  const left = node.position.x * zoom + x;
  const top = node.position.y * zoom + y;
  return left >= 0 && top >= 0 && left + (node.width ?? 0) * zoom <= box.width && top + (node.height ?? 0) * zoom <= box.height;
}
