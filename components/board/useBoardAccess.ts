"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { BoardSummary } from "@/lib/views/board-views";
import type { NameDialogCopy } from "@/components/identity/NameDialog";
import { colorForId } from "@/components/identity/palette";
import type { IdentityState } from "@/components/identity/useIdentity";
import { useJoinLink } from "@/components/identity/useJoinLink";
import { ROLE_RANK, useMembership, type Membership } from "@/components/identity/useMembership";

/** What a facilitated board says to someone who arrives without a code or an invite. */
export const FACILITATED_MESSAGE = "This board is facilitated: join it with its code or an invite link.";

type Naming = { purpose: "join" | "rename"; after: (() => void) | null } | null;

/**
 * Who this browser is on one board, and how it gets there: the stored membership, the invite or code
 * from the link, the name dialog, and the page shown to someone who may not come in. Open boards (the
 * demo) let anyone watch as a guest and join by giving a name.
 */
export function useBoardAccess(summary: BoardSummary, { identity, ready: identityReady, saveName }: IdentityState) {
  const open = summary.accessMode === "open";
  const link = useJoinLink(summary.id);
  const { membership, ready: memberReady, join, rename, remember } = useMembership(summary.id);
  const [naming, setNaming] = useState<Naming>(null);
  const [watching, setWatching] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [autoJoin, setAutoJoin] = useState<"idle" | "running" | "failed">("idle");
  const upgrading = useRef(false);
  const ready = identityReady && memberReady && link.ready;
  const { ticket, hasTicket, consume } = link;

  // A remembered name joins an open board by itself; an invite or code asks for the name first.
  useEffect(() => {
    if (!ready || membership || refusal || naming) return;
    if (hasTicket && !watching) return setNaming({ purpose: "join", after: null });
    if (!open) return;
    if (identity && autoJoin === "idle") {
      setAutoJoin("running");
      void join(identity.name, {}).then((result) => setAutoJoin(result.ok ? "idle" : "failed"));
    } else if (!identity && !watching) setNaming({ purpose: "join", after: null });
  }, [ready, membership, refusal, naming, hasTicket, open, identity, autoJoin, watching, join]);

  // Opening a better invite (a co-facilitator link) while already a member: take the higher role.
  useEffect(() => {
    if (!ready || !membership || !hasTicket || upgrading.current) return;
    if (!ticket.invite || membership.role === "facilitator") return consume();
    upgrading.current = true;
    void join(membership.displayName, { invite: ticket.invite }).then((result) => {
      if (result.ok && ROLE_RANK[result.value.role] < ROLE_RANK[membership.role]) remember(membership);
      upgrading.current = false;
      consume();
    });
  }, [ready, membership, hasTicket, ticket, consume, join, remember]);

  const finishNaming = useCallback(
    (name: string) => {
      saveName(name);
      const after = naming?.after;
      setNaming(null);
      after?.();
    },
    [naming, saveName],
  );

  const onSave = useCallback(
    async (name: string): Promise<string | null> => {
      if (naming?.purpose === "rename") {
        const result = await rename(name);
        if (!result.ok) return result.message;
        finishNaming(name);
        return null;
      }
      const result = await join(name, ticket);
      if (!result.ok) {
        if (result.code !== "forbidden") return result.message;
        consume(); // a revoked or foreign invite will not work on a second try either
        setNaming(null);
        setRefusal(result.message);
        return null;
      }
      consume();
      setRefusal(null);
      finishNaming(name);
      return null;
    },
    [naming, rename, join, ticket, consume, finishNaming],
  );

  const onDismiss = useCallback(() => {
    if (!membership) setWatching(true);
    setNaming(null);
  }, [membership]);

  /** Runs `action` now, or once the person has joined with a name (writing needs an author). */
  const withName = useCallback(
    (action: () => void) => {
      if (membership) return action();
      setNaming({ purpose: "join", after: action });
    },
    [membership],
  );

  const changeName = useCallback(() => setNaming({ purpose: membership || !open ? "rename" : "join", after: null }), [membership, open]);

  /** The server no longer knows this membership (database reset, removed): start over. */
  const expire = useCallback(
    (message: string) => {
      remember(null);
      setAutoJoin("idle");
      if (!open) setRefusal(message);
    },
    [remember, open],
  );

  /** A facilitator renamed this member or changed their role: keep the stored membership in step. */
  const adopt = useCallback(
    (change: { displayName: string; role: Membership["role"] }) => {
      if (membership && (membership.displayName !== change.displayName || membership.role !== change.role)) remember({ ...membership, ...change });
    },
    [membership, remember],
  );

  /** The join-by-code form on the "join required" page; answers an error to show, or null. */
  const joinWithCode = useCallback(
    async (joinCode: string, name: string): Promise<string | null> => {
      const result = await join(name, { joinCode });
      if (!result.ok) return result.message;
      saveName(name);
      setRefusal(null);
      return null;
    },
    [join, saveName],
  );

  const selfId = membership?.memberId ?? identity?.id ?? null;
  const invited = hasTicket && naming?.purpose === "join";
  const copy: NameDialogCopy =
    naming?.purpose === "join" && (invited || !open)
      ? {
          title: `Join “${summary.title}”`,
          hint: "Type your name as your class knows you. It appears with your arguments (unless the facilitator makes the board anonymous).",
          saveLabel: "Join the board",
          dismissLabel: open ? "Just watch for now" : null,
        }
      : {};

  return {
    ready,
    open,
    membership: membership as Membership | null,
    identity,
    selfId,
    displayName: membership?.displayName ?? identity?.name ?? null,
    color: identity?.color ?? colorForId(selfId ?? "guest"),
    memberToken: membership?.memberToken,
    /** Open boards can be watched before joining; a facilitated board needs a membership first. */
    connect: Boolean(membership) || (open && ready && (!identity || autoJoin === "failed")),
    joinRequired: refusal ?? (ready && !membership && !open && !hasTicket ? FACILITATED_MESSAGE : null),
    withName,
    changeName,
    expire,
    adopt,
    joinWithCode,
    dialog: {
      open: naming !== null,
      copy,
      initialName: membership?.displayName ?? identity?.name,
      onSave,
      onDismiss,
    },
  };
}

export type BoardAccess = ReturnType<typeof useBoardAccess>;
