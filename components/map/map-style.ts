/**
 * How the map tells support from attack: colour AND line style, so it reads in greyscale and for
 * colour-blind readers. Shared by the edges, their markers and the legend.
 */
export const MAP_RELATION_STYLE = {
  support: { color: "#1a7f37", dash: undefined, marker: "map-marker-arrow", label: "supports" },
  attack: { color: "#c62828", dash: "7 5", marker: "map-marker-tee", label: "attacks" },
} as const;

/** Font the node sizes were estimated for (lib/map/graph.ts), then the page's own as a fallback. */
export const MAP_FONT = '"DejaVu Sans", Verdana, system-ui, sans-serif';
