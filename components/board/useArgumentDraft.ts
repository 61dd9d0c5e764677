"use client";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument, Stance } from "@/lib/board/argument";
import { LIMITS } from "@/lib/board/constants";

/** What the editor is writing: a new top-level argument, a reply to an argument, or an edit. */
export type DraftTarget = { kind: "new" } | { kind: "reply"; parent: Argument } | { kind: "edit"; argument: Argument };

export interface Draft {
  target: DraftTarget;
  /** For a new argument, the position it goes under; otherwise the parent's (fixed). */
  positionId: string;
  stance: Stance;
  text: string;
  quotes: QuoteAnchor[];
  /** The model's or the editor's latest complaint, shown above the Save button. */
  error: string | null;
  /** Set when this is a private team draft reopened for editing (components/drafts): saving replaces it. */
  draftId?: string;
  /** Set when this is the writer's personal draft reopened (components/drafts/usePersonalDrafts.ts). */
  personalDraftId?: string;
}

/** Unsaved work: for an edit, anything that differs from the stored argument. */
export function hasWork(d: Draft | null): boolean {
  if (!d) return false;
  if (d.target.kind !== "edit") return Boolean(d.text.trim() || d.quotes.length);
  const a = d.target.argument;
  return d.text !== a.text || d.stance !== a.stance || JSON.stringify(d.quotes) !== JSON.stringify(a.quotes);
}

/** Said instead of starting another draft: unsaved work is never silently thrown away. */
const BUSY = "You are still writing this argument — save or cancel it before starting another.";

/**
 * The one argument being written on this screen. The article pane adds quotes to it through
 * `addQuote`, so it lives above both panes rather than inside the editor. The callbacks are stable
 * (they read the draft through a ref), so cards do not re-render on every keystroke.
 */
export function useArgumentDraft() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const current = useRef<Draft | null>(null);
  useLayoutEffect(() => {
    current.current = draft;
  }, [draft]);

  /** Opens `next` unless unsaved work is in the way, in which case the editor says so. */
  const open = useCallback((next: Draft) => {
    if (hasWork(current.current)) return setDraft((d) => (d ? { ...d, error: BUSY } : d));
    setDraft(next);
  }, []);

  const startNew = useCallback(
    (positionId: string, stance: Stance = "for", quotes: QuoteAnchor[] = []) =>
      open({ target: { kind: "new" }, positionId, stance, text: "", quotes: quotes.slice(0, LIMITS.quotesPerArgument), error: null }),
    [open],
  );

  const startReply = useCallback(
    (parent: Argument, stance: Stance) =>
      open({ target: { kind: "reply", parent }, positionId: parent.positionId, stance, text: "", quotes: [], error: null }),
    [open],
  );

  const startEdit = useCallback(
    (argument: Argument) => {
      const d = current.current;
      if (d?.target.kind === "edit" && d.target.argument.id === argument.id) return;
      const { positionId, stance, text, quotes } = argument;
      open({ target: { kind: "edit", argument }, positionId, stance, text, quotes, error: null });
    },
    [open],
  );

  /** Adds a quote to the open draft; returns false when there is no draft to add it to. */
  const addQuote = useCallback((quote: QuoteAnchor): boolean => {
    if (!current.current) return false;
    setDraft((d) => {
      if (!d) return d;
      if (d.quotes.some((q) => q.start === quote.start && q.end === quote.end)) return { ...d, error: "That passage is already quoted." };
      if (d.quotes.length >= LIMITS.quotesPerArgument) {
        return { ...d, error: `An argument can quote at most ${LIMITS.quotesPerArgument} passages — remove one first.` };
      }
      return { ...d, quotes: [...d.quotes, quote].sort((a, b) => a.start - b.start), error: null };
    });
    return true;
  }, []);

  const change = useCallback((patch: Partial<Pick<Draft, "positionId" | "stance" | "text">>) => {
    setDraft((d) => (d ? { ...d, ...patch, error: null } : d));
  }, []);

  const removeQuote = useCallback((index: number) => {
    setDraft((d) => (d ? { ...d, quotes: d.quotes.filter((_, i) => i !== index), error: null } : d));
  }, []);

  const fail = useCallback((message: string) => setDraft((d) => (d ? { ...d, error: message } : d)), []);
  const close = useCallback(() => setDraft(null), []);

  return useMemo(
    // `resume` reopens prepared work (a team draft) under the same unsaved-work guard as the others.
    () => ({ draft, startNew, startReply, startEdit, resume: open, addQuote, change, removeQuote, fail, close }),
    [draft, startNew, startReply, startEdit, open, addQuote, change, removeQuote, fail, close],
  );
}

export type DraftControls = ReturnType<typeof useArgumentDraft>;
