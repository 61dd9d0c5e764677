"use client";
import { useCallback, useEffect, useState } from "react";
import { RoleSchema, type Role } from "@/lib/board/roles";

/**
 * This browser's place on one board: who the server knows it as, and the secret that proves it.
 * Stored under `parley.member.<boardId>` as exactly this JSON (the review page reads the same key).
 */
export interface Membership {
  memberId: string;
  memberToken: string;
  role: Role;
  displayName: string;
}

/** How someone may join: a capability link's token, the board's code, or nothing (open boards). */
export interface JoinTicket {
  invite?: string;
  joinCode?: string;
}

export type MemberResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export const membershipKey = (boardId: string) => `parley.member.${boardId}`;

/** Whether one role may do more than another: a facilitator never swaps their place for a lesser one. */
export const ROLE_RANK: Record<Role, number> = { observer: 0, participant: 1, facilitator: 2 };

function parseMembership(raw: string | null): Membership | null {
  try {
    const v = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    if (!v || typeof v.memberId !== "string" || typeof v.memberToken !== "string" || typeof v.displayName !== "string") return null;
    const role = RoleSchema.safeParse(v.role);
    return role.success ? { memberId: v.memberId, memberToken: v.memberToken, role: role.data, displayName: v.displayName } : null;
  } catch {
    return null;
  }
}

export function readMembership(key: string): Membership | null {
  try {
    return parseMembership(window.localStorage.getItem(key));
  } catch {
    return null; // storage blocked by school policy: the person joins again on each visit
  }
}

function writeMembership(key: string, membership: Membership | null): void {
  try {
    if (membership) window.localStorage.setItem(key, JSON.stringify(membership));
    else window.localStorage.removeItem(key);
  } catch {
    // not persisted; it still holds for this visit
  }
}

async function readError(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  return {
    code: typeof body?.code === "string" ? body.code : `http-${response.status}`,
    message: typeof body?.message === "string" ? body.message : `The server answered ${response.status}.`,
  };
}

const OFFLINE = { ok: false as const, code: "network", message: "Could not reach Parley. Check your connection and try again." };

/** POST /api/boards/:id/members: takes a place on the board with the role the ticket grants. */
export async function requestMembership(boardId: string, displayName: string, ticket: JoinTicket): Promise<MemberResult<Membership>> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/members`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ displayName, ...ticket }),
    });
    if (!response.ok) return { ok: false, ...(await readError(response)) };
    const body = (await response.json()) as Membership;
    const membership = parseMembership(JSON.stringify(body));
    return membership ? { ok: true, value: membership } : { ok: false, code: "internal", message: "The server's answer was not understood." };
  } catch {
    return OFFLINE;
  }
}

/** PATCH /api/boards/:id/members/me: the roster (what facilitators see) follows a rename. */
export async function renameMember(boardId: string, memberToken: string, displayName: string): Promise<MemberResult<string>> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/members/me`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${memberToken}` },
      body: JSON.stringify({ displayName }),
    });
    return response.ok ? { ok: true, value: displayName } : { ok: false, ...(await readError(response)) };
  } catch {
    return OFFLINE;
  }
}

/**
 * The membership kept for a board, and the calls that change it. `readKeys` are tried in order (the
 * projector also looks at its own key); `writeKey` is where a new membership goes.
 */
export function useMembership(boardId: string, options: { readKeys?: string[]; writeKey?: string } = {}) {
  const writeKey = options.writeKey ?? membershipKey(boardId);
  const readKeys = (options.readKeys ?? [writeKey]).join("\n");
  const [membership, setMembership] = useState<Membership | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const keys = readKeys.split("\n");
    const load = () => setMembership(keys.map(readMembership).find(Boolean) ?? null);
    load();
    setReady(true);
    // Another tab joined or renamed: follow it, so every tab is the same member.
    const onStorage = (event: StorageEvent) => {
      if (event.key && keys.includes(event.key)) load();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [readKeys]);

  const remember = useCallback(
    (next: Membership | null) => {
      writeMembership(writeKey, next);
      setMembership(next);
    },
    [writeKey],
  );

  const join = useCallback(
    async (displayName: string, ticket: JoinTicket): Promise<MemberResult<Membership>> => {
      const result = await requestMembership(boardId, displayName, ticket);
      if (result.ok) remember(result.value);
      return result;
    },
    [boardId, remember],
  );

  const rename = useCallback(
    async (displayName: string): Promise<MemberResult<string>> => {
      if (!membership) return { ok: true, value: displayName };
      const result = await renameMember(boardId, membership.memberToken, displayName);
      if (result.ok) remember({ ...membership, displayName });
      return result;
    },
    [boardId, membership, remember],
  );

  return { membership, ready, join, rename, remember };
}
