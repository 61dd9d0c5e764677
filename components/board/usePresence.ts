"use client";
import { useMemo } from "react";
import type { Role } from "@/lib/board/roles";
import type { AwarenessState } from "@/lib/protocol/protocol";
import { ANONYMOUS_NAME, type SessionState } from "@/lib/session/session";
import type { ConnectionStatus } from "@/components/sync/board-client";
import type { Identity } from "@/components/identity/useIdentity";

interface PresenceInput {
  /** The member id (so a member's tabs collapse), or a guest's identity id. */
  selfId: string | null;
  displayName: string | null;
  color: string;
  role: Role;
  session: SessionState | null;
  status: ConnectionStatus;
  editingId: string | null;
}

/** The name this person shows and signs with: an anonymous board hides every participant's. */
export function shownName(displayName: string, role: Role, session: SessionState | null): string {
  return session?.settings.anonymous && role !== "facilitator" ? ANONYMOUS_NAME : displayName;
}

/**
 * What this screen publishes in awareness. Nothing until the board has synced: before that the
 * session (is the board anonymous?) is unknown, and a real name on an anonymous board is refused.
 */
export function usePresence({ selfId, displayName, color, role, session, status, editingId }: PresenceInput): AwarenessState | null {
  const ready = status === "live" && session !== null;
  const name = displayName ? shownName(displayName, role, session) : null;
  return useMemo(
    () => (ready && selfId && name ? { user: { id: selfId, name, color }, editing: editingId } : null),
    [ready, selfId, name, color, editingId],
  );
}

/** Who new arguments are signed by: the member id, and the name the board allows. */
export function useAuthor(selfId: string | null, displayName: string | null, color: string, role: Role, session: SessionState | null): Identity | null {
  const name = displayName ? shownName(displayName, role, session) : null;
  return useMemo(() => (selfId && name ? { id: selfId, name, color } : null), [selfId, name, color]);
}
