"use client";
import { useEffect, useRef, useState } from "react";
import type { BoardSummary } from "@/lib/views/board-views";
import { useJoinLink } from "@/components/identity/useJoinLink";
import { membershipKey, useMembership } from "@/components/identity/useMembership";

/** The projector's own place on a board, kept apart so it never replaces a person's membership. */
export const projectorKey = (boardId: string) => `parley.projector.${boardId}`;

/** The name a projector joins under: what the facilitator sees in the class list. */
const PROJECTOR_NAME = "Projector";

export const PROJECTOR_HELP = "Open the projector link from the facilitator’s panel (Facilitate → Invite → Projector).";

/**
 * How the projector gets in: as whoever this browser already is on the board (a teacher's laptop),
 * else with the observer invite from its link, else as a guest on an open board. It never asks for
 * a name: nobody types at a projector.
 */
export function useProjectorAccess(summary: BoardSummary) {
  const link = useJoinLink(summary.id);
  const { membership, ready, join, remember } = useMembership(summary.id, {
    readKeys: [membershipKey(summary.id), projectorKey(summary.id)],
    writeKey: projectorKey(summary.id),
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const joining = useRef(false);
  const allReady = ready && link.ready;
  const { ticket, hasTicket, consume } = link;

  useEffect(() => {
    if (!allReady || !hasTicket) return;
    if (membership) return consume();
    if (joining.current) return;
    joining.current = true;
    void join(PROJECTOR_NAME, ticket).then((result) => {
      joining.current = false;
      consume();
      if (!result.ok) setRefusal(result.message);
    });
  }, [allReady, hasTicket, membership, ticket, consume, join]);

  const open = summary.accessMode === "open";
  return {
    memberToken: membership?.memberToken,
    connect: Boolean(membership) || (open && allReady && !hasTicket),
    refusal: refusal ?? (allReady && !membership && !hasTicket && !open ? `This board is facilitated. ${PROJECTOR_HELP}` : null),
    /** The server refused the stored place (database reset): forget it and show how to get back in. */
    expire(message: string) {
      remember(null);
      setRefusal(`${message} ${PROJECTOR_HELP}`);
    },
  };
}
