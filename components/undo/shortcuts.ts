import type { UndoDirection } from "@/lib/board/undo-history";

/** The part of a key event the shortcuts look at (a KeyboardEvent has it all). */
export interface ShortcutEvent {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

/**
 * Which board step a key press asks for: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z or Ctrl+Y redo. Null in
 * a text field, an editor or a dialog, where the browser's own text undo (or the dialog) applies.
 */
export function isUndoShortcut(event: ShortcutEvent): UndoDirection | null {
  if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return null;
  if (typesText(event.target)) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y" && event.ctrlKey && !event.shiftKey) return "redo";
  return null;
}

function typesText(target: EventTarget | null): boolean {
  const element = target as (Partial<HTMLElement> & { closest?: (selector: string) => Element | null }) | null;
  if (!element || typeof element.closest !== "function") return false;
  if (element.isContentEditable) return true;
  return element.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='dialog'], dialog") !== null;
}
