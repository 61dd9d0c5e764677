import { z } from "zod";
import { createAnchor } from "../anchoring/anchor";
import { utf16ToCodePoint } from "../anchoring/text";
import { LIMITS } from "../board/constants";
import type { ImportIssue, ImportResult } from "./imported-board";
import { capIssues, checkImported, clip, MAX_IMPORTED_ARGUMENTS, negationOf, positionKeys, type DraftArgument } from "./import-shape";
import { linkAifGraph, type AifLink } from "./aif-graph";

/**
 * AIF import: an Argument Interchange Format graph (AIFdb's JSON, OVA3's saved analysis, or Parley's
 * own AIF export) as a new board. Mapping, the reverse of aif.ts:
 * - an I-node that is the premise of an RA node is an argument `for` the RA's conclusion; of a CA
 *   node, an argument `against` it; a scheme node aimed at another scheme node (an undercut) answers
 *   that scheme's first premise;
 * - I-nodes that answer nothing are the positions (2 to 6; a map with one root gets its negation,
 *   "Not: …", as the second position, with every argument staying under the root);
 * - a leaf I-node supporting an argument whose text occurs exactly in the file's source text is a
 *   quote on that argument (how Parley exports quotes), not an argument of its own;
 * - authors come from the dialogical layer (L-node → YA → I-node, with `locutions` and `participants`
 *   naming the speaker, else the L-node's "Speaker : text"), else "AIF import";
 * - the source is OVA's `text` (HTML stripped) or, without one, the I-node texts one per paragraph.
 * Other node types (MA, PA, TA, …) are ignored. Never throws; every problem is reported with its node id.
 */

/** Node ids are numbers in AIFdb and Parley's export, strings in OVA3. */
const IdSchema = z.union([z.number(), z.string().min(1).max(200)]).transform(String);
const NodeSchema = z.object({ nodeID: IdSchema, text: z.string().max(100_000).default(""), type: z.string().max(40), timestamp: z.string().optional() });
const EdgeSchema = z.object({ fromID: IdSchema, toID: IdSchema });
const LocutionSchema = z.object({ nodeID: IdSchema, personID: IdSchema.optional() });
const ParticipantSchema = z.object({ participantID: IdSchema, firstname: z.string().default(""), surname: z.string().default("") });
/** Nodes a map of MAX_IMPORTED_ARGUMENTS arguments needs with schemes and a dialogical layer. */
export const MAX_AIF_NODES = 6 * MAX_IMPORTED_ARGUMENTS;
const GraphSchema = z.object({
  nodes: z.array(NodeSchema).max(MAX_AIF_NODES, `A map may have at most ${MAX_AIF_NODES} nodes.`),
  edges: z.array(EdgeSchema).max(2 * MAX_AIF_NODES, `A map may have at most ${2 * MAX_AIF_NODES} edges.`),
  locutions: z.array(LocutionSchema).default([]),
  participants: z.array(ParticipantSchema).default([]),
  text: z.union([z.string(), z.object({ txt: z.string() })]).optional(),
});
export type AifGraphInput = z.infer<typeof GraphSchema>;

export interface FromAifOptions {
  /** Creation time of arguments without a readable timestamp (default: now), 1 ms apart in node order. */
  now?: number;
}

/** Reads AIF JSON into a board for the import use-case. */
export function fromAif(text: string, options: FromAifOptions = {}): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ message: `The file is not JSON: ${(error as Error).message}` }] };
  }
  // OVA3 saves { AIF: {…}, OVA: {…}, text }; AIFdb and plain exports are the graph itself.
  const wrapped = typeof raw === "object" && raw !== null && "AIF" in raw;
  const graphPart = wrapped ? { ...(raw as { AIF: object }).AIF, text: (raw as { text?: unknown }).text ?? (raw as { AIF: { text?: unknown } }).AIF?.text } : raw;
  const parsed = GraphSchema.safeParse(graphPart);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.slice(0, 50).map((i) => ({ message: `${wrapped ? "AIF." : ""}${i.path.join(".") || "file"}: ${i.message}` })) };
  }
  return buildBoard(parsed.data, options.now ?? Date.now());
}

function buildBoard(graph: AifGraphInput, now: number): ImportResult {
  const linked = linkAifGraph(graph);
  if (linked.errors.length > 0) return { ok: false, errors: capIssues(linked.errors) };
  const { inodes, parentOf, authorOf } = linked;
  // Kept as written (not trimmed): Parley's own export carries the source verbatim.
  const stripped = stripHtml(typeof graph.text === "string" ? graph.text : (graph.text?.txt ?? ""));
  const fileText = stripped.trim() === "" ? "" : stripped;

  const quotesOf = fileText === "" ? new Map<string, string[]>() : findQuotes(linked, fileText);
  const quoted = new Set([...quotesOf.values()].flat());
  const roots = inodes.filter((n) => !parentOf.has(n.nodeID) && !quoted.has(n.nodeID));
  if (roots.length === 0) return { ok: false, errors: [{ message: "The map has no claim that answers nothing, so Parley has no position to start from." }] };
  if (roots.length > 6) {
    return { ok: false, errors: [{ message: `Parley needs 2 to 6 positions (I-nodes that support or attack nothing); this map has ${roots.length}: nodes ${roots.map((r) => r.nodeID).join(", ")}.` }] };
  }
  const labels = roots.map((r) => clip(r.text, LIMITS.positionLabelMaxChars));
  if (labels.length === 1) labels.push(negationOf(labels[0]));
  const keys = positionKeys(labels);
  const positionIdOf = new Map(roots.map((r, i) => [r.nodeID, `pos-${keys[i]}`]));

  const members = inodes.filter((n) => parentOf.has(n.nodeID) && !quoted.has(n.nodeID));
  if (members.length > MAX_IMPORTED_ARGUMENTS) return { ok: false, errors: [{ message: `A board may hold at most ${MAX_IMPORTED_ARGUMENTS} arguments; this map has ${members.length}.` }] };
  const rootOf = findRoots(members.map((n) => n.nodeID), parentOf, positionIdOf);
  if (rootOf.errors.length > 0) return { ok: false, errors: capIssues(rootOf.errors) };

  const source = fileText || clip(inodes.map((n) => n.text.trim()).filter(Boolean).join("\n\n"), LIMITS.sourceMaxChars);
  const place = new Map(inodes.map((n, i) => [n.nodeID, i]));
  const argId = (nodeID: string) => (/^[\w-]{1,56}$/.test(nodeID) ? `aif-${nodeID}` : `aif-n${place.get(nodeID)}`);
  const args: DraftArgument[] = members.map((node, index) => {
    const link = parentOf.get(node.nodeID)!;
    const createdAt = readTime(node.timestamp) ?? now + index;
    const author = authorOf.get(node.nodeID);
    return {
      id: argId(node.nodeID),
      positionId: rootOf.root.get(node.nodeID)!,
      parentId: positionIdOf.get(link.to) ?? argId(link.to),
      stance: link.stance,
      text: node.text.trim(),
      quotes: (quotesOf.get(node.nodeID) ?? []).flatMap((id) => anchorIn(source, linked.byId.get(id)!.text)),
      authorId: author ? `aif-${author.id}`.slice(0, 64) : "aif-import",
      authorName: author ? clip(author.name, LIMITS.authorNameMaxChars) : "AIF import",
      createdAt,
      updatedAt: createdAt,
    };
  });
  const title = clip(roots[0].text, LIMITS.boardTitleMaxChars) || "Imported AIF map";
  const board = { title, source: { title, publisher: null, publishedOn: null, language: "und", text: source }, positions: labels.map((label, i) => ({ key: keys[i], label })), arguments: args };
  return checkImported(board, {
    positions: roots.map((r) => r.nodeID),
    arguments: members.map((n) => n.nodeID),
    locate: (origin) => ({ prefix: origin === undefined ? "" : `Node ${origin}: ` }),
  });
}

/**
 * Leaf premises of RA links into an argument whose text occurs in the source become that argument's
 * quotes (at most LIMITS.quotesPerArgument each; any beyond stay arguments). Only texts within the
 * quote length limit are searched, which bounds the work to nodes × source length.
 */
function findQuotes(linked: ReturnType<typeof linkAifGraph>, source: string): Map<string, string[]> {
  const { inodes, parentOf, authorOf } = linked;
  const hasChildren = new Set([...parentOf.values()].map((link) => link.to));
  const quotes = new Map<string, string[]>();
  for (const node of inodes) {
    const link = parentOf.get(node.nodeID);
    const text = node.text;
    if (!link || link.stance !== "for" || !parentOf.has(link.to) || hasChildren.has(node.nodeID) || authorOf.has(node.nodeID)) continue;
    if (text.trim() === "" || text.length > LIMITS.quoteMaxChars || !source.includes(text)) continue;
    const list = quotes.get(link.to) ?? [];
    if (list.length >= LIMITS.quotesPerArgument || list.some((id) => linked.byId.get(id)?.text === text)) continue;
    quotes.set(link.to, [...list, node.nodeID]);
  }
  return quotes;
}

/** Anchors the first exact occurrence of `exact` in `source` (offsets in code points). */
function anchorIn(source: string, exact: string) {
  const at = source.indexOf(exact);
  if (at < 0) return [];
  const start = utf16ToCodePoint(source, at);
  const anchored = createAnchor(source, start, start + utf16ToCodePoint(exact, exact.length));
  return anchored.ok ? [anchored.anchor] : [];
}

/**
 * The position each argument belongs to, walking up parents iteratively (no recursion, so any depth
 * is safe); a walk that comes back to a node on its own path is a cycle, reported with its node ids.
 */
function findRoots(ids: string[], parentOf: Map<string, AifLink>, positionIdOf: Map<string, string>) {
  const root = new Map<string, string>();
  const errors: ImportIssue[] = [];
  const failed = new Set<string>();
  for (const id of ids) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let at = id;
    while (!root.has(at) && !positionIdOf.has(at) && !failed.has(at) && !onPath.has(at)) {
      path.push(at);
      onPath.add(at);
      at = parentOf.get(at)?.to ?? at;
    }
    const found = root.get(at) ?? positionIdOf.get(at);
    if (found) for (const p of path) root.set(p, found);
    else {
      if (onPath.has(at)) errors.push({ message: `Nodes ${path.slice(path.indexOf(at)).join(" → ")} → ${at} support or attack each other in a circle; Parley needs every argument to lead to a position.` });
      for (const p of path) failed.add(p);
    }
  }
  return { root, errors };
}

/** AIFdb's `YYYY-MM-DD HH:MM:SS` (UTC) or an ISO time; undefined when unreadable. */
function readTime(timestamp: string | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(timestamp) ? `${timestamp.replace(" ", "T")}Z` : timestamp);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** OVA keeps its text pane as HTML: line breaks as <br> or blocks, markup for highlights, escaped characters. */
export function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}
