"use client";
import { useEffect, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import { evidenceIndexFor, suggestEvidence, type EvidenceSuggestion } from "@/lib/evidence/suggest";

/** Typing pauses this long before the source is searched: queries never run on the keystroke itself. */
export const SUGGEST_DEBOUNCE_MS = 200;

const NONE: EvidenceSuggestion[] = [];

/**
 * The source's best passages for the words being written, refreshed a moment after typing stops.
 * The index is built once per source text, in an idle moment after the editor opens rather than on
 * the first keystroke. No network: everything runs on the text already on the page.
 */
export function useEvidenceSuggestions(source: string, text: string, quotes: readonly QuoteAnchor[]): EvidenceSuggestion[] {
  const [suggestions, setSuggestions] = useState<EvidenceSuggestion[]>(NONE);

  useEffect(() => {
    const build = () => evidenceIndexFor(source);
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(build, { timeout: 1_000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(build, 0);
    return () => clearTimeout(timer);
  }, [source]);

  useEffect(() => {
    if (!text.trim()) {
      setSuggestions(NONE);
      return;
    }
    const timer = setTimeout(() => setSuggestions(suggestEvidence(source, text, { quoted: quotes })), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [source, text, quotes]);

  return suggestions;
}
