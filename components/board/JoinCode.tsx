"use client";
import { useState } from "react";
import styles from "./TopBar.module.css";

/**
 * Copies text even over plain http on a school network, where the async clipboard API is missing:
 * falls back to a hidden textarea and the legacy copy command.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

/** The join code students type on the home page, and a button that copies the board's link. */
export function JoinCode({ code, boardId }: { code: string; boardId: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    const ok = await copyText(`${window.location.origin}/b/${encodeURIComponent(boardId)}`);
    setCopied(ok ? "yes" : "no");
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div className={styles.join}>
      <span className={styles.joinLabel}>Join code</span>
      <strong className={styles.joinCode} data-testid="join-code">
        {code}
      </strong>
      <button type="button" className="btn btn-ghost btn-sm" onClick={copy} data-testid="copy-link" aria-label="Copy a link to this board">
        {copied === "yes" ? "Link copied" : copied === "no" ? "Copy failed" : "Copy link"}
      </button>
      <span className="visually-hidden" role="status">
        {copied === "yes" ? "Link copied to the clipboard" : ""}
      </span>
    </div>
  );
}
