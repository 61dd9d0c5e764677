"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { BoardState } from "@/lib/board/doc";
import type { Role } from "@/lib/board/roles";
import { ANONYMOUS_NAME, teamOf } from "@/lib/session/session";
import { useFollowPreference, useSpotlightFollow } from "@/components/session/useSpotlightFollow";
import type { UseBoardResult } from "@/components/sync/useBoard";
import type { PresenceDetails } from "./PresenceStrip";
import type { BoardAccess } from "./useBoardAccess";
import { useBoardRules } from "./useBoardRules";

const NO_ARGUMENTS: BoardState["arguments"] = [];
const NO_POSITIONS: BoardState["positions"] = [];

interface SessionViewInput {
  access: BoardAccess;
  live: Pick<UseBoardResult, "me" | "session" | "roster" | "status" | "error" | "command">;
  board: BoardState | null;
  /** Brings a spotlighted card into view; false while it is not on the page yet. */
  reveal(argumentId: string): boolean;
  onError(message: string): void;
}

/**
 * The facilitator's session as this screen lives it: the role the server gave, what that allows,
 * following the spotlight, team names on avatars, and starting over when the server forgot us.
 */
export function useBoardSession({ access, live, board, reveal, onError }: SessionViewInput) {
  const { me, session, roster, status, error, command } = live;
  const role: Role = me?.role ?? access.membership?.role ?? (access.open ? "participant" : "observer");
  const memberId = me?.memberId ?? access.membership?.memberId ?? null;
  // Until joined on a facilitated board the role is only a guess: show no badge or banner for it.
  const roleKnown = me !== null || access.membership !== null || access.open;

  const spotlight = useCallback(
    async (argumentId: string | null) => {
      const ack = await command({ type: "set-spotlight", argumentId });
      if (!ack.ok) onError(ack.message);
    },
    [command, onError],
  );
  const rules = useBoardRules({ role, selfId: access.selfId, session, args: board?.arguments ?? NO_ARGUMENTS, positions: board?.positions ?? NO_POSITIONS, roster, onSpotlight: spotlight });
  const [follow, setFollow] = useFollowPreference();
  useSpotlightFollow(session?.spotlight ?? null, follow, reveal, board);
  const [facilitating, setFacilitating] = useState(false);

  // The server no longer accepts the stored membership (database reset, another server): join again.
  const { membership, expire } = access;
  useEffect(() => {
    if (!membership) return;
    if (status === "failed" && error?.code === "forbidden") expire(error.message);
    else if (me && me.memberId === null) expire("Your place on this board has expired; join again.");
  }, [membership, status, error, me, expire]);

  // A facilitator renamed this person or changed their role (server/boards/change-member.ts).
  const { adopt } = access;
  useEffect(() => {
    const member = (error?.details as { member?: { displayName?: unknown; role?: unknown } } | undefined)?.member;
    if (member && typeof member.displayName === "string" && (member.role === "facilitator" || member.role === "participant" || member.role === "observer")) {
      adopt({ displayName: member.displayName, role: member.role });
    }
  }, [error, adopt]);

  const presenceDetails = useMemo<PresenceDetails | undefined>(() => {
    if (!session) return undefined;
    const names = new Map(roster?.members.map((m) => [m.id, m.displayName]) ?? []);
    return {
      teamOf: (userId) => teamOf(session, userId),
      nameOf: (userId, shown) => (rules.facilitator && shown === ANONYMOUS_NAME ? (names.get(userId) ?? shown) : shown),
    };
  }, [session, roster, rules.facilitator]);

  return { role, roleKnown, memberId, rules, follow, setFollow, facilitating: facilitating && rules.facilitator, setFacilitating, presenceDetails };
}
