"use client";
import { useState } from "react";
import type { Role } from "@/lib/board/roles";
import { copyText } from "@/components/common/clipboard";
import { useInvites } from "@/components/facilitator/useInvites";
import styles from "./TopBar.module.css";

interface JoinCodeProps {
  boardId: string;
  /** The code, when the page already holds it (an open board, or a facilitator's board data). */
  code?: string;
  /** This person's role on the board and their token: a facilitator who just joined fetches the code. */
  role?: Role | null;
  memberToken?: string;
}

/**
 * The join code students type on the home page, and a button that copies the board's link — shown
 * only to those who may invite. The code lets anyone in as a participant, so an observer never sees it.
 */
export function JoinCode({ boardId, code, role, memberToken }: JoinCodeProps) {
  const fetchIt = !code && role === "facilitator" && Boolean(memberToken);
  const invites = useInvites(boardId, fetchIt ? memberToken : undefined);
  const shown = code ?? (fetchIt && invites.status === "ready" ? invites.value.joinCode : null);
  if (!shown) return null;
  return <JoinCodeView code={shown} boardId={boardId} />;
}

function JoinCodeView({ code, boardId }: { code: string; boardId: string }) {
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
