import { z } from "zod";
import type { Argument } from "../board/argument";
import { StanceSchema } from "../board/argument";
import type { Position, PositionColor } from "../board/position";
import type { Role } from "../board/roles";
import type { Team } from "../session/session";
import type { ArgumentTally } from "../session/votes";
import { placedQuotes, type HeatMap, type PlacedQuote } from "./heat";
import type { PassageUnit } from "./passages";
import { sideKeyOf, sidesOfArguments } from "./sides";

/**
 * The evidence report: per side and per team, how many arguments rest on a quote, how well the class
 * rated those quotes, which passages they lean on most, and how many quoteless drafts wait unsaved.
 * Ratings are blind until the facilitator reveals them: the caller passes tallies only to those who
 * may see them (`mayShowVoteFigures`), and null makes every vote-derived figure null.
 */

export interface CitedPassageCount {
  index: number;
  text: string;
  arguments: number;
}

export interface EvidenceRow {
  /** The side key (lib/evidence/sides.ts) or the team id. */
  key: string;
  label: string;
  color: PositionColor;
  arguments: number;
  /** Arguments with at least one quote that still matches the source. */
  quoted: number;
  /** `quoted / arguments`, null without arguments. */
  quotedShare: number | null;
  /** Mean of the arguments' average quote-support ratings (1–5); null when hidden or nobody rated. */
  quoteSupport: number | null;
  /** The five passages most of the row's arguments cite, most first. */
  topPassages: CitedPassageCount[];
  /** Personal drafts saved without a quote; null when this reader may not count them. */
  quotelessDrafts: number | null;
}

export interface EvidenceReport {
  sides: EvidenceRow[];
  teams: EvidenceRow[];
  votesShown: boolean;
  draftsShown: boolean;
  passages: { total: number; cited: number; contested: number; uncited: number };
  /** Quoteless drafts of people on no team (counted in the side rows, in no team row). */
  quotelessDraftsWithoutTeam: number | null;
}

/** A stored draft as the report needs it: the team may be absent, and the record is untrusted JSON. */
export interface DraftForReport {
  teamId: string | null;
  record: unknown;
}

export interface ReportInput {
  source: string;
  heat: HeatMap;
  positions: Position[];
  args: Argument[];
  teams: Pick<Team, "id" | "name" | "positionId">[];
  assignments: Record<string, string>;
  /** Per-argument vote averages, or null when this reader may not see them. */
  tallies: ArgumentTally[] | null;
  /** The board's drafts, or null when this reader may not count them. */
  drafts: DraftForReport[] | null;
}

/** How many passages to name per row. */
export const TOP_PASSAGES = 5;

/** Whether vote-derived figures may be shown: once revealed, or always to a facilitator (as votes are). */
export function mayShowVoteFigures(role: Role | null, revealed: boolean): boolean {
  return revealed || role === "facilitator";
}

const DraftRecordSchema = z.object({
  positionId: z.string(),
  parentId: z.string(),
  stance: StanceSchema,
  quotes: z.array(z.unknown()).optional(),
});

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** The passages cited by most of `ids`' arguments (distinct arguments per passage), ties in reading order. */
export function mostCitedPassages(units: PassageUnit[], quotes: PlacedQuote[], ids: Set<string>, limit = TOP_PASSAGES): CitedPassageCount[] {
  const counted = units.map((unit) => {
    const citing = new Set(quotes.filter((q) => ids.has(q.argumentId) && q.start < unit.end && q.end > unit.start).map((q) => q.argumentId));
    return { index: unit.index, text: unit.text, arguments: citing.size };
  });
  return counted.filter((c) => c.arguments > 0).sort((a, b) => b.arguments - a.arguments || a.index - b.index).slice(0, limit);
}

/** Computes the report (see the module comment for what each figure means). */
export function computeEvidenceReport(input: ReportInput): EvidenceReport {
  const { heat, args, positions } = input;
  const units = heat.passages.map((p) => p.unit);
  const quotes = placedQuotes(input.source, args);
  const quotedIds = new Set(quotes.map((q) => q.argumentId));
  const tallyOf = new Map((input.tallies ?? []).map((t) => [t.argumentId, t]));
  const sideOfArgument = sidesOfArguments(args, positions);

  // Drafts: only the quoteless ones count, by the side their record argues and by their team.
  const byId = new Map(args.map((a) => [a.id, a]));
  const positionIds = positions.map((p) => p.id);
  const quoteless = input.drafts?.flatMap((draft) => {
    const record = DraftRecordSchema.safeParse(draft.record);
    if (!record.success || (record.data.quotes?.length ?? 0) > 0) return [];
    return [{ teamId: draft.teamId, side: sideKeyOf(record.data, positionIds, (id) => byId.get(id) ?? null) }];
  });

  const row = (key: string, label: string, color: PositionColor, members: Argument[], drafts: number | null): EvidenceRow => {
    const quoted = members.filter((a) => quotedIds.has(a.id)).length;
    const ratings = members.flatMap((a) => {
      const support = tallyOf.get(a.id)?.quoteSupport;
      return support === null || support === undefined ? [] : [support];
    });
    return {
      key,
      label,
      color,
      arguments: members.length,
      quoted,
      quotedShare: members.length ? quoted / members.length : null,
      quoteSupport: input.tallies ? mean(ratings) : null,
      topPassages: mostCitedPassages(units, quotes, new Set(members.map((a) => a.id))),
      quotelessDrafts: drafts,
    };
  };
  const colorOf = new Map(positions.map((p) => [p.id, p.color]));
  const sides = heat.sides.map((side) =>
    row(side.key, side.label, side.color, args.filter((a) => sideOfArgument.get(a.id) === side.key), quoteless ? quoteless.filter((d) => d.side === side.key).length : null),
  );
  const teamIds = new Set(input.teams.map((t) => t.id));
  const teams = input.teams.map((team) =>
    row(
      team.id,
      team.name,
      colorOf.get(team.positionId) ?? "indigo",
      args.filter((a) => input.assignments[a.authorId] === team.id),
      quoteless ? quoteless.filter((d) => d.teamId === team.id).length : null,
    ),
  );
  const cited = heat.passages.filter((p) => p.arguments > 0).length;
  return {
    sides,
    teams,
    votesShown: input.tallies !== null,
    draftsShown: quoteless !== undefined,
    passages: { total: units.length, cited, contested: heat.passages.filter((p) => p.contested).length, uncited: units.length - cited },
    quotelessDraftsWithoutTeam: quoteless ? quoteless.filter((d) => d.teamId === null || !teamIds.has(d.teamId)).length : null,
  };
}
