"use client";
import { useCallback, useEffect, useState } from "react";

export interface Invites {
  joinCode: string;
  invites: { facilitator?: string; participant?: string; observer?: string };
}

type InvitesState = { status: "loading" } | { status: "ready"; value: Invites } | { status: "error"; message: string };

/** GET /api/boards/:id/invites: the board's capability links, which only facilitators may read. */
export function useInvites(boardId: string, memberToken: string | undefined): InvitesState & { replace(value: Invites): void } {
  const [state, setState] = useState<InvitesState>({ status: "loading" });
  // After a reissue the server answers the links that work now: show those, no second request.
  const replace = useCallback((value: Invites) => setState({ status: "ready", value }), []);
  useEffect(() => {
    if (!memberToken) return setState({ status: "error", message: "Join the board as its facilitator to see its invite links." });
    let live = true;
    setState({ status: "loading" });
    fetch(`/api/boards/${encodeURIComponent(boardId)}/invites`, { headers: { authorization: `Bearer ${memberToken}` }, cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (Invites & { message?: string }) | null;
        if (!live) return;
        if (response.ok && body) setState({ status: "ready", value: body });
        else setState({ status: "error", message: body?.message ?? `The invite links could not be loaded (HTTP ${response.status}).` });
      })
      .catch(() => live && setState({ status: "error", message: "Could not reach Parley to load the invite links." }));
    return () => {
      live = false;
    };
  }, [boardId, memberToken]);
  return { ...state, replace };
}

/** The address someone opens to join with `invite`; `projector` opens the big-screen view. */
export function inviteUrl(boardId: string, invite: string, projector = false): string {
  return `${window.location.origin}/b/${encodeURIComponent(boardId)}${projector ? "/projector" : ""}?invite=${encodeURIComponent(invite)}`;
}
