import { describe, expect, it } from "vitest";
import { isUndoShortcut, type ShortcutEvent } from "@/components/undo/shortcuts";

/** A stand-in for a DOM element: `closest` matches when the element is (inside) one of `within`. */
function element(within: string[] = [], isContentEditable = false): EventTarget {
  return { isContentEditable, closest: (selector: string) => (within.some((tag) => selector.includes(tag)) ? {} : null) } as unknown as EventTarget;
}

function press(key: string, modifiers: Partial<ShortcutEvent> = {}): ShortcutEvent {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, target: element(), ...modifiers };
}

describe("isUndoShortcut", () => {
  it("reads Ctrl+Z and Cmd+Z as undo, with Shift as redo, and Ctrl+Y as redo", () => {
    expect(isUndoShortcut(press("z", { ctrlKey: true }))).toBe("undo");
    expect(isUndoShortcut(press("z", { metaKey: true }))).toBe("undo");
    expect(isUndoShortcut(press("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(isUndoShortcut(press("Z", { metaKey: true, shiftKey: true }))).toBe("redo");
    expect(isUndoShortcut(press("y", { ctrlKey: true }))).toBe("redo");
  });

  it("leaves other keys, plain Z and Alt combinations alone", () => {
    expect(isUndoShortcut(press("z"))).toBeNull();
    expect(isUndoShortcut(press("x", { ctrlKey: true }))).toBeNull();
    expect(isUndoShortcut(press("z", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(isUndoShortcut(press("y", { metaKey: true }))).toBeNull();
    expect(isUndoShortcut(press("z", { ctrlKey: true, defaultPrevented: true }))).toBeNull();
  });

  it("leaves the browser's own text undo in fields, editors and dialogs", () => {
    for (const within of [["textarea"], ["input"], ["select"], ["dialog"]]) {
      expect(isUndoShortcut(press("z", { ctrlKey: true, target: element(within) }))).toBeNull();
    }
    expect(isUndoShortcut(press("z", { ctrlKey: true, target: element([], true) }))).toBeNull();
    expect(isUndoShortcut(press("z", { ctrlKey: true, target: null }))).toBe("undo");
  });
});
