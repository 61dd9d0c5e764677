"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import type { Actor } from "@/lib/board/roles";
import { appliedNotice, checkUndoStep, describeUndoStep, refusedNotice } from "@/lib/board/undo-check";
import { UndoHistory, type UndoDirection } from "@/lib/board/undo-history";
import { isUndoShortcut } from "./shortcuts";

/** What the undo and redo buttons show and do. */
export interface UndoControls {
  /** What the next undo would take back ("edit of “…”"), or null when there is nothing to undo. */
  undoLabel: string | null;
  redoLabel: string | null;
  undo(): void;
  redo(): void;
  /** The last thing done, for the live region ("Undid: edit of “…”"); `seq` tells repeats apart. */
  announcement: { text: string; seq: number } | null;
}

export const UndoContext = createContext<UndoControls | null>(null);

/** The undo controls of the board screen, or null outside one (the buttons then render nothing). */
export function useUndoControls(): UndoControls | null {
  return useContext(UndoContext);
}

interface UseUndoOptions {
  /** The live board document; a new one (after a refused change) starts a new, empty history. */
  doc: Y.Doc | null;
  /** Who is undoing, as the server sees them: the same rules decide. */
  actor: Actor;
  source: string;
  /** Shows why an undo or redo cannot be applied. */
  onRefused(message: string): void;
}

/**
 * This person's undo and redo on the board: a history of their own writes (lib/board/undo-history.ts),
 * each step checked against the server's rules before it is applied (lib/board/undo-check.ts), and
 * Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y outside text fields.
 */
export function useUndo({ doc, actor, source, onRefused }: UseUndoOptions): UndoControls {
  const [history, setHistory] = useState<UndoHistory | null>(null);
  const [, setRevision] = useState(0);
  const [announcement, setAnnouncement] = useState<UndoControls["announcement"]>(null);
  // Read when a step runs, so a role or name change does not rebuild the history.
  const latest = useRef({ actor, source, onRefused });
  latest.current = { actor, source, onRefused };

  useEffect(() => {
    if (!doc) return;
    const next = new UndoHistory(doc);
    setHistory(next);
    const off = next.onChange(() => setRevision((n) => n + 1));
    return () => {
      off();
      next.destroy();
      setHistory((current) => (current === next ? null : current));
    };
  }, [doc]);

  const run = useCallback(
    (direction: UndoDirection) => {
      const step = history?.peek(direction);
      if (!history || !doc || !step) return;
      const { actor: who, source: text, onRefused: refuse } = latest.current;
      const verdict = checkUndoStep(doc, step, who, text);
      if (!verdict.ok) {
        // A step that can never apply again would block every earlier one: it leaves the stack.
        if (verdict.lasting) history.drop(direction);
        refuse(refusedNotice(step, verdict));
        return;
      }
      if (!history.apply(direction)) {
        refuse(refusedNotice(step, { ok: false, reason: "Someone else's change to the same argument came first.", lasting: true }));
        return;
      }
      setAnnouncement((last) => ({ text: appliedNotice(step), seq: (last?.seq ?? 0) + 1 }));
    },
    [history, doc],
  );
  const undo = useCallback(() => run("undo"), [run]);
  const redo = useCallback(() => run("redo"), [run]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const direction = isUndoShortcut(event);
      if (!direction) return;
      event.preventDefault();
      run(direction);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run]);

  const undoStep = history?.peek("undo") ?? null;
  const redoStep = history?.peek("redo") ?? null;
  const undoLabel = undoStep ? describeUndoStep(undoStep) : null;
  const redoLabel = redoStep ? describeUndoStep(redoStep) : null;
  return useMemo(() => ({ undoLabel, redoLabel, undo, redo, announcement }), [undoLabel, redoLabel, undo, redo, announcement]);
}
