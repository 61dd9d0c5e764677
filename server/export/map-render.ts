import ELK from "elkjs/lib/elk.bundled.js";
import type { ExportBoard } from "../../lib/export/board-export";
import { boardMapGraph } from "../../lib/map/board-map";
import { layoutMap, type MapLayout } from "../../lib/map/layout";
import { toMapSvg } from "../../lib/map/map-svg";
import { effectiveScale, renderPng, type PngOptions } from "./png";

/**
 * The map exports' heavy half: elk's layout (0.5–0.8 s at 1,000 arguments) and the rasterising. Called
 * from the render pool's worker (render-worker-main.ts) only, never on the event loop serving live boards.
 */

/** Below this zoom a map's 13 px text would be under 3 px in the PNG: refuse rather than hand back a smear. */
export const MIN_MAP_PNG_SCALE = 0.2;

let elk: InstanceType<typeof ELK> | null = null;

/** The map of `board` with the `collapsed` subtrees folded, laid out exactly as the screen lays it out. */
export function layoutBoardMap(board: ExportBoard, collapsed: readonly string[] = []): Promise<MapLayout> {
  elk ??= new ELK();
  return layoutMap(boardMapGraph(board, collapsed), elk);
}

export async function renderMapSvg(board: ExportBoard, collapsed: readonly string[] = []): Promise<string> {
  return toMapSvg(board, await layoutBoardMap(board, collapsed));
}

/** A map too large to rasterise legibly within the PNG pixel cap; the message says what to do instead. */
export class MapTooLarge extends Error {
  override name = "MapTooLarge";
}

/** The zoom a map PNG of `width`×`height` is drawn at: the pixel cap's, refused with {@link MapTooLarge} when unreadable. */
export function mapPngScale(width: number, height: number, requested?: number): number {
  const scale = effectiveScale(width, height, requested);
  if (scale >= MIN_MAP_PNG_SCALE) return scale;
  throw new MapTooLarge(
    `This map (${width} × ${height} px) is too large for a readable PNG: it would be drawn at ${Math.round(scale * 100)} %. ` +
      "Download the SVG image or the PDF handout instead, or collapse some branches and export again.",
  );
}

/** The map as PNG, scaled down to the pixel cap; throws {@link MapTooLarge} when that would be unreadable. */
export async function renderMapPng(board: ExportBoard, collapsed: readonly string[] = [], options: PngOptions = {}): Promise<Uint8Array> {
  const svg = await renderMapSvg(board, collapsed);
  const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  return renderPng(svg, { scale: mapPngScale(width, height, options.scale) });
}
