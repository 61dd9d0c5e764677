"use client";
import { createContext, useCallback, useContext, useMemo } from "react";
import type { BoardState } from "@/lib/board/doc";
import type { Role } from "@/lib/board/roles";
import type { Command } from "@/lib/session/commands";
import { currentPhase, type PhaseRule, type SessionState, type Team } from "@/lib/session/session";
import type { ArgumentTally, Ballot, Results } from "@/lib/session/votes";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { VotesView } from "@/components/sync/board-client";

export interface Ratings {
  strength: number | null;
  quoteSupport: number | null;
}

/**
 * What the vote controls on every card and the results panel need. A context, because the controls
 * sit inside cards nested to any depth; null where nobody votes (open boards, before the join).
 */
export interface VotesUi {
  role: Role;
  memberId: string | null;
  /** A joined participant or facilitator: observers and guests only watch. */
  canVote: boolean;
  /** The rule of the phase in force, if any: "voting" makes the controls prominent, "closed" stops them. */
  rule: PhaseRule | null;
  revealed: boolean;
  /** Present for facilitators always and for everyone once revealed (the server decides). */
  results: Results | null;
  /** Facilitators: ballots cast so far. */
  ballots: number | null;
  mine: ReadonlyMap<string, Ballot>;
  tallies: ReadonlyMap<string, ArgumentTally>;
  board: BoardState | null;
  teams: Team[];
  /** Casts the ratings given; one left out keeps its stored value. */
  vote(argumentId: string, ratings: Partial<Ratings>): Promise<CommandAck>;
  setRevealed(revealed: boolean): Promise<CommandAck>;
}

interface VotesUiInput {
  board: BoardState | null;
  session: SessionState | null;
  me: { role: Role; memberId: string | null } | null;
  votes: VotesView | null;
  command(command: Command): Promise<CommandAck>;
}

/** Builds the votes context value from what `useBoard` returns. */
export function useVotesUi({ board, session, me, votes, command }: VotesUiInput): VotesUi | null {
  // A rating left out of a vote keeps its stored value (the server merges the ballot).
  const vote = useCallback((argumentId: string, r: Partial<Ratings>) => command({ type: "vote", argumentId, strength: r.strength, quoteSupport: r.quoteSupport }), [command]);
  const setRevealed = useCallback((revealed: boolean) => command({ type: "reveal-votes", revealed }), [command]);
  const mine = useMemo(() => new Map((votes?.mine ?? []).map((b) => [b.argumentId, b])), [votes]);
  const tallies = useMemo(() => new Map((votes?.results?.tallies ?? []).map((t) => [t.argumentId, t])), [votes]);

  return useMemo(() => {
    if (!me || !session || me.memberId === null) return null;
    return {
      role: me.role,
      memberId: me.memberId,
      canVote: me.role !== "observer",
      rule: currentPhase(session)?.rule ?? null,
      revealed: votes?.revealed ?? session.voting.revealed,
      results: votes?.results ?? null,
      ballots: votes?.ballots ?? null,
      mine,
      tallies,
      board,
      teams: session.teams,
      vote,
      setRevealed,
    };
  }, [me, session, votes, mine, tallies, board, vote, setRevealed]);
}

export const VotesContext = createContext<VotesUi | null>(null);

/** The votes context, or null outside a board that has votes (cards then show no controls). */
export function useVotes(): VotesUi | null {
  return useContext(VotesContext);
}
