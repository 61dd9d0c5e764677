"use client";
import { useCallback, useEffect, useState } from "react";
import type { JoinTicket } from "./useMembership";

const pendingKey = (boardId: string) => `parley.joinLink.${boardId}`;

/** The ticket a link left in this tab (see useJoinLink), for pages that must read before the join. */
export function readPending(boardId: string): JoinTicket {
  try {
    const raw = window.sessionStorage.getItem(pendingKey(boardId));
    const v = raw ? (JSON.parse(raw) as JoinTicket) : {};
    return { ...(typeof v.invite === "string" ? { invite: v.invite } : {}), ...(typeof v.joinCode === "string" ? { joinCode: v.joinCode } : {}) };
  } catch {
    return {};
  }
}

function writePending(boardId: string, ticket: JoinTicket | null): void {
  try {
    if (ticket && (ticket.invite || ticket.joinCode)) window.sessionStorage.setItem(pendingKey(boardId), JSON.stringify(ticket));
    else window.sessionStorage.removeItem(pendingKey(boardId));
  } catch {
    // kept in memory only
  }
}

/**
 * The `?invite=` or `?code=` the page was opened with. Both leave the address bar at once, so a
 * projector or a screenshot never shows a facilitator's link; until the join succeeds they wait in
 * sessionStorage, so a reload before typing one's name does not lose them.
 */
export function useJoinLink(boardId: string) {
  const [ticket, setTicket] = useState<JoinTicket>({});
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const url = new URL(window.location.href);
    const invite = url.searchParams.get("invite")?.trim();
    const joinCode = url.searchParams.get("code")?.trim();
    const fromUrl: JoinTicket = { ...(invite ? { invite } : {}), ...(joinCode ? { joinCode } : {}) };
    const next = invite || joinCode ? fromUrl : readPending(boardId);
    if (url.searchParams.has("invite") || url.searchParams.has("code")) {
      url.searchParams.delete("invite");
      url.searchParams.delete("code");
      window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
    }
    writePending(boardId, next);
    setTicket(next);
    setReady(true);
  }, [boardId]);

  /** The ticket has been used (or refused): forget it. */
  const consume = useCallback(() => {
    writePending(boardId, null);
    setTicket({});
  }, [boardId]);

  return { ticket, ready, consume, hasTicket: Boolean(ticket.invite || ticket.joinCode) };
}
