import type { QuoteAnchor } from "../anchoring/anchor";
import { ArgumentSchema, type Argument } from "../board/argument";
import { LIMITS } from "../board/constants";
import type { Position } from "../board/position";
import type { ImportIssue } from "./imported-board";
import { sha256Hex } from "./sha256";

/**
 * The checks a Parley JSON file must pass beyond its zod schema (json.ts), before it may become a
 * board: unique ids and keys, parents that exist and lead to the argument's own position without a
 * loop, exactly one relation per argument agreeing with its parent and stance, quotes that belong to
 * an argument, and a source text that still matches its SHA-256. Every problem is reported, not just
 * the first, each message starting with the path of what is wrong.
 */

/** What the checks read of a file that ParleyJsonSchema accepted. */
export interface ParleyJsonFile {
  source: { text: string; sha256: string };
  positions: Position[];
  arguments: FileArgument[];
  relations: { fromId: string; toId: string; kind: "support" | "attack" }[];
  quotes: ({ id: string; argumentId: string } & QuoteAnchor)[];
  teams?: { positionId: string }[];
  votes?: { argumentId: string }[];
}
type FileArgument = Omit<Argument, "quotes">;

/**
 * Runs every check, in file order: positions, arguments, relations, quotes, then the source's hash.
 * Also returns each argument's quotes in file order, which the import uses once there are no issues.
 */
export function checkParleyJson(file: ParleyJsonFile): { issues: ImportIssue[]; quotesById: Map<string, QuoteAnchor[]> } {
  const quotesById = new Map<string, QuoteAnchor[]>(file.arguments.map((a) => [a.id, []]));
  const issues = [...checkPositions(file), ...checkArguments(file), ...checkRelations(file)];
  file.quotes.forEach(({ id: _id, argumentId, ...anchor }, index) => {
    const list = quotesById.get(argumentId);
    if (list) list.push(anchor);
    else issues.push({ message: `quotes[${index}].argumentId: there is no argument "${argumentId}" in this file.` });
  });
  file.arguments.forEach((arg, index) => {
    const quotes = ArgumentSchema.shape.quotes.safeParse(quotesById.get(arg.id));
    if (!quotes.success) issues.push({ message: `arguments[${index}]: ${quotes.error.issues[0].message}` });
  });
  const positionIds = new Set(file.positions.map((p) => p.id));
  const argumentIds = new Set(file.arguments.map((a) => a.id));
  (file.teams ?? []).forEach((team, index) => {
    if (!positionIds.has(team.positionId)) issues.push({ message: `teams[${index}].positionId: there is no position "${team.positionId}" in this file.` });
  });
  (file.votes ?? []).forEach((vote, index) => {
    if (!argumentIds.has(vote.argumentId)) issues.push({ message: `votes[${index}].argumentId: there is no argument "${vote.argumentId}" in this file.` });
  });
  const actualSha = sha256Hex(file.source.text);
  if (actualSha !== file.source.sha256) {
    issues.push({ message: `source.sha256: does not match the source text, which hashes to ${actualSha}. Quotes are anchored by position, so an edited text would misplace them.` });
  }
  return { issues, quotesById };
}

/** Position ids must be what the import will give them (`pos-<key>`), since arguments refer to them. */
function checkPositions(file: ParleyJsonFile): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const keys = new Set<string>();
  file.positions.forEach((position, index) => {
    if (keys.has(position.key)) issues.push({ message: `positions[${index}].key: "${position.key}" is used by an earlier position.` });
    keys.add(position.key);
    if (position.id !== `pos-${position.key}`) issues.push({ message: `positions[${index}].id: expected "pos-${position.key}" (a position's id is made from its key).` });
    if (position.order !== index) issues.push({ message: `positions[${index}].order: expected ${index}; positions are listed in board order.` });
  });
  return issues;
}

/** Unique ids, existing parents, a consistent position, no cycles and no chain deeper than the model allows. */
function checkArguments(file: ParleyJsonFile): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const positionIds = new Set(file.positions.map((p) => p.id));
  const byId = new Map<string, FileArgument>();
  file.arguments.forEach((arg, index) => {
    if (byId.has(arg.id) || positionIds.has(arg.id)) issues.push({ message: `arguments[${index}].id: "${arg.id}" is used more than once.` });
    else byId.set(arg.id, arg);
  });
  file.arguments.forEach((arg, index) => {
    const at = `arguments[${index}]`;
    const parent = byId.get(arg.parentId);
    if (!positionIds.has(arg.parentId) && !parent) {
      issues.push({ message: `${at}.parentId: "${arg.parentId}" is neither a position nor an argument in this file.` });
      return;
    }
    const expected = parent ? parent.positionId : arg.parentId;
    if (arg.positionId !== expected) issues.push({ message: `${at}.positionId: expected "${expected}", the position of what it answers.` });
    const chain = chainProblem(arg, byId, positionIds);
    if (chain) issues.push({ message: `${at}${chain}` });
  });
  return issues;
}

/**
 * Walks from an argument up to its position. A cycle must be caught here: the server orders arguments
 * parents-first by recursion, which a loop would never finish. The depth rule is the model's own
 * (at most LIMITS.maxDepth arguments above a reply).
 */
function chainProblem(arg: FileArgument, byId: Map<string, FileArgument>, positionIds: Set<string>): string | null {
  const seen = new Set<string>([arg.id]);
  let ancestors = 0;
  for (let up = byId.get(arg.parentId); up; up = byId.get(up.parentId)) {
    if (seen.has(up.id)) return ".parentId: the chain of replies loops back on itself.";
    if (++ancestors > LIMITS.maxDepth) return `: replies can nest at most ${LIMITS.maxDepth} levels deep.`;
    if (positionIds.has(up.parentId)) return null;
    seen.add(up.id);
  }
  return null;
}

/** Exactly one relation per argument, agreeing with its parent (toId) and stance (support ⇔ for). */
function checkRelations(file: ParleyJsonFile): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const argIndex = new Map(file.arguments.map((a, index) => [a.id, index]));
  const related = new Set<string>();
  file.relations.forEach((relation, index) => {
    const at = `relations[${index}]`;
    const argIdx = argIndex.get(relation.fromId);
    if (argIdx === undefined) issues.push({ message: `${at}.fromId: there is no argument "${relation.fromId}" in this file.` });
    else if (related.has(relation.fromId)) issues.push({ message: `${at}.fromId: argument "${relation.fromId}" already has a relation.` });
    else {
      related.add(relation.fromId);
      const arg = file.arguments[argIdx];
      const kind = arg.stance === "for" ? "support" : "attack";
      if (relation.toId !== arg.parentId || relation.kind !== kind) {
        const says = `says "${relation.fromId}" ${relation.kind}s "${relation.toId}"`;
        issues.push({ message: `${at}: ${says}, but arguments[${argIdx}] has parentId "${arg.parentId}" and stance "${arg.stance}" (${kind}).` });
      }
    }
  });
  file.arguments.forEach((arg, index) => {
    if (!related.has(arg.id)) issues.push({ message: `arguments[${index}]: has no entry in "relations".` });
  });
  return issues;
}
