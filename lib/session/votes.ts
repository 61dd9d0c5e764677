import type { Argument } from "../board/argument";
import type { Position } from "../board/position";
import type { Team } from "./session";

/** One member's rating of one argument (1–5 each, null when not given). */
export interface Ballot {
  argumentId: string;
  memberId: string;
  strength: number | null;
  quoteSupport: number | null;
  /** Server time (ms) the ballot was cast. */
  at: number;
}

export interface ArgumentTally {
  argumentId: string;
  votes: number;
  strength: number | null;
  quoteSupport: number | null;
}

export interface SideTotal {
  positionId: string;
  /** Sum of average strengths of the position's arguments, For minus Against (replies count for their stance's side). */
  balance: number;
  forStrength: number;
  againstStrength: number;
}

export interface TeamTotal {
  teamId: string;
  arguments: number;
  votes: number;
  strength: number;
}

export interface Results {
  tallies: ArgumentTally[];
  sides: SideTotal[];
  teams: TeamTotal[];
  /** How each position's balance moved: one point per ballot, in order. */
  timeline: { at: number; balances: Record<string, number> }[];
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Averages per argument from each member's latest ballot. */
export function tally(ballots: Ballot[]): ArgumentTally[] {
  const latest = new Map<string, Ballot>();
  for (const ballot of [...ballots].sort((a, b) => a.at - b.at)) latest.set(`${ballot.argumentId}\u0000${ballot.memberId}`, ballot);
  const byArgument = new Map<string, Ballot[]>();
  for (const ballot of latest.values()) byArgument.set(ballot.argumentId, [...(byArgument.get(ballot.argumentId) ?? []), ballot]);
  return [...byArgument].map(([argumentId, list]) => ({
    argumentId,
    votes: list.length,
    strength: mean(list.flatMap((b) => (b.strength === null ? [] : [b.strength]))),
    quoteSupport: mean(list.flatMap((b) => (b.quoteSupport === null ? [] : [b.quoteSupport]))),
  }));
}

/**
 * Whether an argument, in the end, pushes its position up or down: top-level "for" arguments and
 * supports of them count for; attacks count against, and a rebuttal of an attack counts for again.
 */
export function effectOnPosition(argument: Argument, byId: Map<string, Argument>): 1 | -1 {
  let sign: 1 | -1 = argument.stance === "for" ? 1 : -1;
  for (let parent = byId.get(argument.parentId); parent; parent = byId.get(parent.parentId)) {
    if (parent.stance === "against") sign = sign === 1 ? -1 : 1;
  }
  return sign;
}

/** Per-argument averages, per-side and per-team totals, and how the balance moved ballot by ballot. */
export function computeResults(args: Argument[], positions: Position[], teams: Team[], assignments: Record<string, string>, ballots: Ballot[]): Results {
  const byId = new Map(args.map((a) => [a.id, a]));
  const sidesFrom = (tallies: ArgumentTally[]): SideTotal[] =>
    positions.map((position) => {
      let forStrength = 0;
      let againstStrength = 0;
      for (const t of tallies) {
        const arg = byId.get(t.argumentId);
        if (!arg || arg.positionId !== position.id || t.strength === null) continue;
        if (effectOnPosition(arg, byId) === 1) forStrength += t.strength;
        else againstStrength += t.strength;
      }
      return { positionId: position.id, forStrength, againstStrength, balance: forStrength - againstStrength };
    });
  const tallies = tally(ballots);
  const teamTotals: TeamTotal[] = teams.map((team) => {
    const authored = args.filter((a) => assignments[a.authorId] === team.id);
    const ids = new Set(authored.map((a) => a.id));
    const theirs = tallies.filter((t) => ids.has(t.argumentId));
    return {
      teamId: team.id,
      arguments: authored.length,
      votes: theirs.reduce((n, t) => n + t.votes, 0),
      strength: theirs.reduce((n, t) => n + (t.strength ?? 0), 0),
    };
  });
  // Incremental: each ballot changes one argument's tally, so recompute only that one (linear in ballots).
  const ordered = [...ballots].sort((a, b) => a.at - b.at);
  const latest = new Map<string, Ballot>();
  const running = new Map<string, ArgumentTally>();
  const timeline = ordered.map((ballot) => {
    latest.set(`${ballot.argumentId}\u0000${ballot.memberId}`, ballot);
    const forArgument = [...latest.values()].filter((b) => b.argumentId === ballot.argumentId);
    running.set(ballot.argumentId, tally(forArgument)[0]);
    return { at: ballot.at, balances: Object.fromEntries(sidesFrom([...running.values()]).map((side) => [side.positionId, side.balance])) };
  });
  return { tallies, sides: sidesFrom(tallies), teams: teamTotals, timeline };
}
