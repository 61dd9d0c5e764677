"use client";
import { useEffect, useState } from "react";
import type { Argument } from "@/lib/board/argument";
import { keepDraft, keptDraftKey, parseKeptDraft, reviveDraft } from "./kept-draft";
import { hasWork, type DraftControls } from "./useArgumentDraft";

/** Whose draft on which board incarnation; null while unknown (no membership yet). */
export interface DraftOwner {
  boardId: string;
  epochMs: number;
  personId: string;
}

/**
 * Keeps the half-written argument in this browser, per board and person, so a reload (or a phone's
 * pull-to-refresh) brings it back into the editor. It is forgotten once saved or cancelled.
 */
export function useKeptDraft(owner: DraftOwner | null, controls: Pick<DraftControls, "draft" | "resume">, args: readonly Argument[] | null): void {
  const key = owner ? keptDraftKey(owner.boardId, owner.epochMs, owner.personId) : null;
  const { draft, resume } = controls;
  // The key whose stored draft has had its chance to come back: only then may a write replace it.
  const [restored, setRestored] = useState<string | null>(null);

  useEffect(() => {
    if (!key || !args || restored === key) return;
    const kept = parseKeptDraft(readItem(key));
    if (kept && !hasWork(draft)) resume(reviveDraft(kept, args));
    setRestored(key);
  }, [key, args, restored, draft, resume]);

  useEffect(() => {
    if (!key || restored !== key) return;
    if (draft && hasWork(draft)) writeItem(key, JSON.stringify(keepDraft(draft)));
    else removeItem(key);
  }, [key, restored, draft]);
}

// Storage can be missing (privacy settings) or full: the draft then lives in memory only, and the
// page still warns before leaving with unsaved text (useLeaveWarning).
function readItem(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeItem(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // out of room: see above
  }
}

function removeItem(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing stored, nothing to remove
  }
}
