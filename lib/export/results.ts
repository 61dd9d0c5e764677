import type { ArgumentTally, SideTotal, TeamTotal } from "../session/votes";
import { tally } from "../session/votes";
import type { ExportBoard } from "./board-export";

/**
 * The vote results as exports print them. A board's results travel in `ExportBoard.results` only
 * once the facilitator has revealed them (server/export/load-export-board.ts); hidden results never
 * reach a handout, whoever asks for it.
 */
export interface ExportResults {
  tallies: ArgumentTally[];
  sides: SideTotal[];
  teams: TeamTotal[];
}

/** Per-argument averages: the revealed results, else those of the ballots a facilitator's export carries. */
export function talliesOf(board: ExportBoard): Map<string, ArgumentTally> {
  const tallies = board.results?.tallies ?? tally((board.votes ?? []).map((v) => ({ ...v, at: Date.parse(v.at) || 0 })));
  return new Map(tallies.map((t) => [t.argumentId, t]));
}

/** One decimal, the way the results panel shows averages. */
export const oneDecimal = (n: number) => n.toFixed(1);
const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${oneDecimal(Math.abs(n))}`;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** "3 votes · strength 4.0 · quote support 3.5" for one argument's tally. */
export function tallyLine(t: ArgumentTally): string {
  return [plural(t.votes, "vote"), t.strength !== null && `strength ${oneDecimal(t.strength)}`, t.quoteSupport !== null && `quote support ${oneDecimal(t.quoteSupport)}`]
    .filter(Boolean)
    .join(" · ");
}

/** The handout's summary lines, positions first (in board order), then teams; empty without revealed results. */
export function resultSummary(board: ExportBoard): { positions: string[]; teams: string[] } {
  const results = board.results;
  if (!results) return { positions: [], teams: [] };
  const labels = new Map(board.positions.map((p) => [p.id, p.label]));
  const order = new Map(board.positions.map((p) => [p.id, p.order]));
  const positions = [...results.sides]
    .filter((side) => labels.has(side.positionId))
    .sort((a, b) => order.get(a.positionId)! - order.get(b.positionId)!)
    .map((side) => `${labels.get(side.positionId)}: balance ${signed(side.balance)} (for ${oneDecimal(side.forStrength)}, against ${oneDecimal(side.againstStrength)})`);
  const names = new Map((board.teams ?? []).map((t) => [t.id, t.name]));
  const teams = results.teams
    .filter((team) => names.has(team.teamId))
    .map((team) => `${names.get(team.teamId)}: ${plural(team.arguments, "argument")}, ${plural(team.votes, "vote")}, strength ${oneDecimal(team.strength)}`);
  return { positions, teams };
}

/** What the summary means, printed above it. */
export const RESULTS_NOTE = "Averages of each person's latest rating, 1 (weak) to 5 (strong). A position's balance is the strength of the arguments for it minus those against.";
