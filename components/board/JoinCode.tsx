"use client";
import { useEffect, useState } from "react";
import type { Role } from "@/lib/board/roles";
import type { BoardReadView } from "@/lib/views/board-views";
import { copyText } from "@/components/common/clipboard";
import styles from "./TopBar.module.css";

interface JoinCodeProps {
  boardId: string;
  /** The code, when the page already holds it (an open board, or a facilitator's board data). */
  code?: string;
  /** An open board: anyone with its link takes part, so its code is no secret. */
  open: boolean;
  /** This person's role once the server said (null before), and their token to fetch the code with. */
  role?: Role | null;
  memberToken?: string;
  /** The facilitator lets participants invite (the session setting). */
  participantsInvite?: boolean;
}

/**
 * The join code students type on the home page, and a button that copies the board's link — shown
 * only to those who may invite: facilitators, and participants when the facilitator allows it. The
 * code lets anyone in as a participant, so an observer never sees it (the server never sends it to them).
 */
export function JoinCode({ boardId, code, open, role, memberToken, participantsInvite = false }: JoinCodeProps) {
  const mayInvite = open || role === "facilitator" || (role === "participant" && participantsInvite);
  const fetched = useJoinCode(boardId, mayInvite && !open ? memberToken : undefined, participantsInvite);
  const shown = open ? code : mayInvite ? (role === "facilitator" ? code : undefined) ?? fetched : null;
  if (!shown) return null;
  return <JoinCodeView code={shown} boardId={boardId} />;
}

/** GET /api/boards/:id with the member's token: the answer holds the code only if the server agrees they may invite. */
function useJoinCode(boardId: string, memberToken: string | undefined, participantsInvite: boolean): string | null {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    setCode(null);
    if (!memberToken) return;
    const controller = new AbortController();
    fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: { authorization: `Bearer ${memberToken}` }, cache: "no-store", signal: controller.signal })
      .then(async (response) => (response.ok ? ((await response.json()) as BoardReadView) : null))
      .then((view) => setCode(view?.board.joinCode ?? null))
      .catch(() => undefined);
    return () => controller.abort();
  }, [boardId, memberToken, participantsInvite]);
  return code;
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
      {/* The accessible name starts with the visible words (WCAG 2.5.3), so voice users can say them. */}
      <button type="button" className="btn btn-ghost btn-sm" onClick={copy} data-testid="copy-link">
        {copied === "yes" ? "Link copied" : copied === "no" ? "Copy failed" : "Copy link"}
        <span className="visually-hidden"> to this board</span>
      </button>
      <span className="visually-hidden" role="status">
        {copied === "yes" ? "Link copied to the clipboard" : ""}
      </span>
    </div>
  );
}
