"use client";
import { createContext, useContext } from "react";
import type { RetiredQuoteEntry } from "@/lib/revisions/source-revision-meta";

/** Quotes a source revision took off each argument, by argument id. */
export const RetiredQuotesContext = createContext<ReadonlyMap<string, RetiredQuoteEntry[]>>(new Map());

/** Groups retired quotes by argument, for the context above. */
export function retiredByArgument(retired: readonly RetiredQuoteEntry[]): Map<string, RetiredQuoteEntry[]> {
  const map = new Map<string, RetiredQuoteEntry[]>();
  for (const entry of retired) map.set(entry.argumentId, [...(map.get(entry.argumentId) ?? []), entry]);
  return map;
}

/** "1 quote retired in revision 2" on a card, so a quote that left with a correction is never silently gone. */
export function RetiredQuotesNote({ argumentId }: { argumentId: string }) {
  const retired = useContext(RetiredQuotesContext).get(argumentId);
  if (!retired?.length) return null;
  const byRevision = new Map<number, RetiredQuoteEntry[]>();
  for (const entry of retired) byRevision.set(entry.retiredIn, [...(byRevision.get(entry.retiredIn) ?? []), entry]);
  return (
    <p data-testid="retired-quotes" style={{ margin: "0.25rem 0", fontSize: "0.85em", fontStyle: "italic", color: "#5f6878" }}>
      {[...byRevision].map(([revision, entries]) => (
        <span key={revision} title={entries.map((e) => `“${e.quote.exact}”`).join("\n")}>
          {entries.length} {entries.length === 1 ? "quote" : "quotes"} retired in revision {revision}.{" "}
        </span>
      ))}
    </p>
  );
}
