"use client";
import { useEffect, useState } from "react";

/**
 * The width, in SVG units, to draw a chart at: its box's width in CSS pixels, between `min` and
 * `max`. Chart text is in SVG units, so on a phone a 560-unit drawing squeezed into 300 px would
 * print 11-unit labels at 6 px; drawn at the box's own width they stay at their intended size.
 * Until the box is measured (and on the server) the chart is drawn at `max`. `ref` is a callback
 * ref, so a chart that appears later (after the first ballot) is measured too.
 */
export function useChartWidth<T extends Element>(max: number, min: number) {
  const [box, setBox] = useState<T | null>(null);
  const [width, setWidth] = useState(max);
  useEffect(() => {
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.round(entry.contentRect.width);
      if (measured > 0) setWidth(Math.max(min, Math.min(max, measured)));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [box, max, min]);
  return { ref: setBox, width };
}
