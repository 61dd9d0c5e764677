"use client";
import { useEffect } from "react";

/** Whether leaving the page now could lose work: unsent changes, or text still in the editor. */
export function mayLoseWork(pending: number, draftHasWork: boolean): boolean {
  return pending > 0 || draftHasWork;
}

/**
 * Asks the browser to confirm before the page goes away (close, reload, navigation) while `warn`
 * holds. The browser shows its own wording; a page cannot choose the text.
 */
export function useLeaveWarning(warn: boolean): void {
  useEffect(() => {
    if (!warn) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // still needed by some browsers to show the prompt
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [warn]);
}
