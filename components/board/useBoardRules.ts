"use client";
import { createContext, useContext, useMemo } from "react";
import type { Argument } from "@/lib/board/argument";
import { capabilitiesOf, type Role } from "@/lib/board/roles";
import type { Position } from "@/lib/board/position";
import { sideRefusal } from "@/lib/session/sides";
import { ANONYMOUS_NAME, closedReason, currentPhase, MANAGED_SETTINGS, teamOf, type SessionState, type Team } from "@/lib/session/session";
import type { RosterView } from "@/components/sync/board-client";
import type { Draft } from "./useArgumentDraft";

/**
 * What this person may do on the board right now. It mirrors the server's rules
 * (lib/board/permissions.ts) only to hide buttons that would be refused; the server still decides.
 */
export interface BoardRules {
  role: Role;
  facilitator: boolean;
  /** May write at all: Cite, the editor. */
  canWrite: boolean;
  /** May start a top-level argument (not during rebuttals). */
  canAddTopLevel: boolean;
  /** May reply (not during openings). */
  canReply: boolean;
  canEdit(arg: Argument): boolean;
  canDelete(arg: Argument): boolean;
  /** Why saving `draft` would be refused now (the board was locked meanwhile…), or null. */
  refusalFor(draft: Draft): string | null;
  banner: "readonly" | "locked" | "ended" | "archived" | null;
  /** The name to show: facilitators see real names on an anonymous board. */
  authorName(arg: Argument): string;
  teamOfAuthor(arg: Argument): Team | null;
  spotlightId: string | null;
  spotlight(argumentId: string | null): void;
}

interface RulesInput {
  role: Role;
  /** Member id, or the identity id of a guest on an open board. */
  selfId: string | null;
  session: SessionState | null;
  args: Argument[];
  positions: Position[];
  roster: RosterView | null;
  onSpotlight(argumentId: string | null): void;
}

export function useBoardRules({ role, selfId, session, args, positions, roster, onSpotlight }: RulesInput): BoardRules {
  return useMemo(() => {
    const settings = session?.settings ?? MANAGED_SETTINGS;
    const caps = capabilitiesOf({ role, memberId: selfId }, settings);
    const facilitator = caps.facilitate;
    const phase = session ? currentPhase(session) : null;
    const rule = facilitator ? "anything" : (phase?.rule ?? "anything");
    // An ended session or an archived board is read-only for all but facilitators (lib/session/session.ts).
    const closed = session ? closedReason(session) : null;
    const frozen = rule === "voting" || rule === "closed" || (closed !== null && !facilitator);
    const canWrite = caps.write && !frozen;
    const canAddTopLevel = canWrite && rule !== "rebuttals";
    const canReply = canWrite && rule !== "openings";
    const own = (arg: Argument) => selfId !== null && arg.authorId === selfId;
    const canEdit = (arg: Argument) => canWrite && (caps.editAnyone || own(arg));
    // Deleting takes the replies with it: the server refuses when any of them is someone else's.
    // Built once per board read, on first use: every card asks, and a long board has a thousand.
    let ownSubtree: ((id: string) => boolean) | null = null;
    const allOwn = (id: string) => {
      ownSubtree ??= subtreeChecker(args, (a) => a.authorId === selfId);
      return ownSubtree(id);
    };
    const canDelete = (arg: Argument) => canEdit(arg) && (caps.editAnyone || allOwn(arg.id));
    const names = new Map(roster?.members.map((m) => [m.id, m.displayName]) ?? []);
    const phaseName = phase?.name ?? "this phase";

    const refusalFor = (draft: Draft): string | null => {
      const keep = " Copy your text if you want to keep it.";
      if (role === "observer") return "Observers can follow the board but not change it.";
      if (!caps.write) return `The facilitator has locked the board.${keep}`;
      if (closed && !facilitator) return `${closed}${keep}`;
      if (frozen) return `During ${phaseName}, arguments cannot be added or changed.${keep}`;
      const { target } = draft;
      if (target.kind === "new" && !canAddTopLevel) return `During ${phaseName}, only replies to existing arguments can be added.`;
      if (target.kind === "reply" && !canReply) return `During ${phaseName}, only opening arguments (not replies) can be added.`;
      if (target.kind === "edit" && !canEdit(target.argument)) return `Only ${target.argument.authorName} or a facilitator can change this argument.`;
      if (target.kind === "edit" && target.argument.stance === draft.stance) return null;
      // The server's side rule, on the argument as it would be saved (lib/session/sides.ts).
      const parentId = target.kind === "reply" ? target.parent.id : target.kind === "edit" ? target.argument.parentId : draft.positionId;
      const byId = (id: string) => args.find((a) => a.id === id) ?? null;
      return session ? sideRefusal({ role, memberId: selfId }, session, { positionId: draft.positionId, parentId, stance: draft.stance }, byId, positions) : null;
    };

    return {
      role,
      facilitator,
      canWrite,
      canAddTopLevel,
      canReply,
      canEdit,
      canDelete,
      refusalFor,
      banner: session?.status?.archivedAt ? "archived" : session?.status?.endedAt ? "ended" : role === "observer" ? "readonly" : !facilitator && settings.locked ? "locked" : null,
      authorName: (arg) => (facilitator && arg.authorName === ANONYMOUS_NAME ? (names.get(arg.authorId) ?? arg.authorName) : arg.authorName),
      teamOfAuthor: (arg) => (session ? teamOf(session, arg.authorId) : null),
      spotlightId: session?.spotlight.argumentId ?? null,
      spotlight: onSpotlight,
    };
  }, [role, selfId, session, args, positions, roster, onSpotlight]);
}

/** Answers, for an argument id, whether it and every reply below it satisfy `test` (memoised per id). */
function subtreeChecker(args: Argument[], test: (arg: Argument) => boolean): (id: string) => boolean {
  const byId = new Map(args.map((a) => [a.id, a]));
  const childrenOf = new Map<string, string[]>();
  for (const arg of args) {
    const list = childrenOf.get(arg.parentId);
    if (list) list.push(arg.id);
    else childrenOf.set(arg.parentId, [arg.id]);
  }
  const known = new Map<string, boolean>();
  const check = (id: string): boolean => {
    const cached = known.get(id);
    if (cached !== undefined) return cached;
    const arg = byId.get(id);
    const ok = arg !== undefined && test(arg) && (childrenOf.get(id) ?? []).every(check);
    known.set(id, ok);
    return ok;
  };
  return check;
}

export const BoardRulesContext = createContext<BoardRules | null>(null);

export function useRules(): BoardRules {
  const rules = useContext(BoardRulesContext);
  if (!rules) throw new Error("useRules must be used inside <BoardRulesContext.Provider>");
  return rules;
}
