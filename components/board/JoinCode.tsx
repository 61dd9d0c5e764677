"use client";
import { useState } from "react";
import { copyText } from "@/components/common/clipboard";
import styles from "./TopBar.module.css";

/** The join code students type on the home page, and a button that copies the board's link. */
export function JoinCode({ code, boardId }: { code: string; boardId: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    // The code rides along: on a facilitated board the bare address would only ask for it.
    const ok = await copyText(`${window.location.origin}/b/${encodeURIComponent(boardId)}?code=${encodeURIComponent(code)}`);
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
