import { revisionLabel } from "../revisions/revision-views";
import { relationsOf, type ExportBoard } from "./board-export";

/**
 * AIF export: the board as an Argument Interchange Format graph in the JSON shape AIFdb serves and
 * OVA3 loads (`nodes` with nodeID/text/type/timestamp, `edges` with edgeID/fromID/toID, `locutions`).
 *
 * Mapping (AIF has no "argument with a stance", only information nodes joined by scheme nodes):
 * - every position, argument and distinct quoted passage becomes an I-node (its text verbatim);
 * - an argument `for` its parent:      argument I → RA → parent I;
 * - an argument `against` its parent:  argument I → CA → parent I;
 * - a quote backing an argument:       quote I → RA → argument I (one RA per quote, so each passage
 *   stands as its own premise rather than as one linked premise set).
 * Invariant: every RA/CA node has exactly one outgoing edge, to its conclusion.
 *
 * Scheme names and ids are OVA's defaults, from arg-tech/OVA3 `res/js/ova-ctrl.js` (new RA/CA/YA
 * nodes are created as "Default Inference" '72', "Default Conflict" '71', "Asserting" '74'); AIFdb's
 * own JSON exports carry the same pairs as `scheme`/`schemeID` strings on each S-node.
 */

export const AIF_SCHEMES = {
  RA: { scheme: "Default Inference", schemeID: "72" },
  CA: { scheme: "Default Conflict", schemeID: "71" },
  YA: { scheme: "Asserting", schemeID: "74" },
} as const;

export type AifNodeType = "I" | "RA" | "CA" | "L" | "YA";

export interface AifNode {
  nodeID: number;
  text: string;
  type: AifNodeType;
  /** `YYYY-MM-DD HH:MM:SS`, UTC, as AIFdb writes it. */
  timestamp: string;
  scheme?: string;
  schemeID?: string;
}

export interface AifEdge {
  edgeID: number;
  fromID: number;
  toID: number;
  /** Always null; AIFdb writes the key, and strict readers expect it. */
  formEdgeID: null;
}

export interface AifLocution {
  nodeID: number;
  personID: number;
  timestamp: string;
  start: string;
  end: null;
  source: null;
}

export interface AifGraph {
  nodes: AifNode[];
  edges: AifEdge[];
  locutions: AifLocution[];
}

/**
 * Which source revision the quoted passages (the quote I-nodes) were taken from. AIF has no place for
 * it, so it travels under one extra top-level key of our own: AIFdb and OVA3 readers, and our own
 * importer, read only the keys they know and skip this one.
 */
export interface AifQuoteSource {
  sourceRevision: number;
  sourceSha256: string;
  /** The same words the Markdown, CSV and PDF exports use: "revision N (sha256 <12 hex>)". */
  quotesFrom: string;
}

/** The `parley` key of an AIF export. */
export function aifQuoteSource(board: ExportBoard): AifQuoteSource {
  const revision = board.sourceRevision ?? 1;
  return { sourceRevision: revision, sourceSha256: board.source.sha256, quotesFrom: revisionLabel(revision, board.source.sha256) };
}

export interface AifOptions {
  /** Wrap for OVA3: `{ AIF, OVA: { layout }, text }`, with a top-down tree layout. */
  ova?: boolean;
  /**
   * Add the dialogical layer: per argument an L-node ("Author : text") asserting it through a YA node,
   * and a locution naming the author. Off by default: many AIF consumers read only the argument graph.
   */
  locutions?: boolean;
}

/** Formats a time (epoch ms or ISO string) as AIFdb does: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function aifTimestamp(time: number | string): string {
  const ms = typeof time === "number" ? time : Date.parse(time);
  return new Date(Number.isFinite(ms) ? ms : 0).toISOString().slice(0, 19).replace("T", " ");
}

/** One premise hanging under a conclusion, through a scheme node; kept for the OVA layout. */
interface Link {
  scheme: number;
  premise: number;
}

/** The AIF graph plus what the OVA wrapper needs to lay it out. */
interface Built {
  graph: AifGraph;
  roots: number[];
  children: Map<number, Link[]>;
  /** L/YA pairs, each beside the argument I-node it asserts. */
  asserted: Array<{ l: number; ya: number; argument: number }>;
  participants: Array<{ participantID: number; firstname: string; surname: string }>;
}

/** Builds the graph. Node and edge ids are consecutive integers from 1, in board order. */
function buildAifGraph(board: ExportBoard, locutions = false): Built {
  const nodes: AifNode[] = [];
  const edges: AifEdge[] = [];
  const built: Built = { graph: { nodes, edges, locutions: [] }, roots: [], children: new Map(), asserted: [], participants: [] };
  const addNode = (node: Omit<AifNode, "nodeID">) => nodes.push({ nodeID: nodes.length + 1, ...node });
  const addEdge = (fromID: number, toID: number) => edges.push({ edgeID: edges.length + 1, fromID, toID, formEdgeID: null });
  const addScheme = (type: "RA" | "CA", premise: number, conclusion: number, timestamp: string) => {
    const scheme = addNode({ text: AIF_SCHEMES[type].scheme, type, timestamp, ...AIF_SCHEMES[type] });
    addEdge(premise, scheme);
    addEdge(scheme, conclusion);
    const links = built.children.get(conclusion) ?? [];
    links.push({ scheme, premise });
    built.children.set(conclusion, links);
  };

  // Board ids → I-node ids. Positions first: parentsFirst order means every parent exists by the time a reply needs it.
  const inode = new Map<string, number>();
  const boardTime = aifTimestamp(board.board.createdAt);
  for (const position of board.positions) {
    inode.set(position.id, addNode({ text: position.label, type: "I", timestamp: boardTime }));
    built.roots.push(nodes.length);
  }

  const kindOf = new Map(relationsOf(board).map((r) => [r.fromId, r.kind]));
  const people = new Map<string, number>();
  for (const arg of board.arguments) {
    const time = aifTimestamp(arg.createdAt);
    const self = addNode({ text: arg.text, type: "I", timestamp: time });
    inode.set(arg.id, self);
    const parent = inode.get(arg.parentId);
    // An orphan (parent missing from the export) keeps its I-node but gets no scheme node, so no edge dangles.
    if (parent !== undefined) addScheme(kindOf.get(arg.id) === "attack" ? "CA" : "RA", self, parent, time);

    // One I-node per distinct passage: quoting the same words twice adds no new proposition.
    const seen = new Set<string>();
    for (const quote of arg.quotes) {
      if (seen.has(quote.exact)) continue;
      seen.add(quote.exact);
      const passage = addNode({ text: quote.exact, type: "I", timestamp: time });
      addScheme("RA", passage, self, time);
    }

    if (locutions) {
      // A participant per account *and* display name: AIF tools show and match speakers by name (OVA reads
      // it back out of the L-node text), so a renamed account must not lend one name to the other's words.
      const person = `${arg.authorId}\u0000${arg.authorName}`;
      if (!people.has(person)) {
        people.set(person, people.size + 1);
        built.participants.push({ participantID: people.size, firstname: arg.authorName, surname: "" });
      }
      // AIFdb's L-node text is "Speaker : utterance"; the YA "Asserting" node anchors it to its content.
      const l = addNode({ text: `${arg.authorName} : ${arg.text}`, type: "L", timestamp: time });
      const ya = addNode({ text: AIF_SCHEMES.YA.scheme, type: "YA", timestamp: time, ...AIF_SCHEMES.YA });
      addEdge(l, ya);
      addEdge(ya, self);
      built.asserted.push({ l, ya, argument: self });
      built.graph.locutions.push({ nodeID: l, personID: people.get(person)!, timestamp: time, start: time, end: null, source: null });
    }
  }
  return built;
}

/** Pixels between layout columns and rows in the OVA wrapper. */
const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 110;
const MARGIN = 50;

/**
 * A top-down tree: positions on the top row, each scheme node one row below its conclusion, each
 * premise one row below its scheme node. Leaves take consecutive columns; a conclusion sits over the
 * middle of its premises, and a scheme node directly over its premise, so no edges cross.
 */
function layoutTree(built: Built): Map<number, { x: number; y: number }> {
  const grid = new Map<number, { col: number; row: number }>();
  let nextColumn = 0;
  const place = (id: number, row: number): number => {
    const links = built.children.get(id) ?? [];
    let col: number;
    if (links.length === 0) col = nextColumn++;
    else {
      const cols = links.map((link) => {
        const premiseCol = place(link.premise, row + 2);
        grid.set(link.scheme, { col: premiseCol, row: row + 1 });
        return premiseCol;
      });
      col = (cols[0] + cols[cols.length - 1]) / 2;
    }
    grid.set(id, { col, row });
    return col;
  };
  for (const root of built.roots) place(root, 0);
  // Anything not reached from a position (orphans) goes in a row of its own underneath.
  const bottom = Math.max(0, ...[...grid.values()].map((g) => g.row)) + 2;
  for (const node of built.graph.nodes) {
    if (!grid.has(node.nodeID) && node.type !== "L" && node.type !== "YA") place(node.nodeID, bottom);
  }
  // The dialogical layer stands to the right of the argument graph, level with each argument; arguments
  // sharing a row get successive column pairs so no two nodes land on the same spot.
  const usedOnRow = new Map<number, number>();
  for (const { l, ya, argument } of built.asserted) {
    const row = grid.get(argument)?.row ?? bottom;
    const col = nextColumn + 0.5 + 2 * (usedOnRow.get(row) ?? 0);
    usedOnRow.set(row, (usedOnRow.get(row) ?? 0) + 1);
    grid.set(ya, { col, row });
    grid.set(l, { col: col + 1, row });
  }
  const out = new Map<number, { x: number; y: number }>();
  for (const [id, g] of grid) out.set(id, { x: Math.round(MARGIN + g.col * COLUMN_WIDTH), y: MARGIN + g.row * ROW_HEIGHT });
  return out;
}

/** OVA shows `text` as HTML in its left pane, so the source is escaped and its line breaks become `<br>`. */
export function ovaText(source: string): string {
  return source
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/\r?\n/g, "<br>");
}

/**
 * The board as AIF JSON (pretty-printed). With `ova: true`, wrapped the way OVA3 saves an analysis
 * (`res/js/ova-save.js`): `AIF` adds `schemefulfillments` (how OVA reads a node's scheme) and
 * `participants`; `OVA` holds the analyst, the source URL (empty: the text travels in `text`) and a
 * layout entry for every node and edge. Both shapes end with `parley`: the source revision the
 * quoted passages belong to (see `aifQuoteSource`).
 */
export function toAif(board: ExportBoard, options: AifOptions = {}): string {
  const built = buildAifGraph(board, options.locutions ?? false);
  const parley = aifQuoteSource(board);
  if (!options.ova) return JSON.stringify({ ...built.graph, parley }, null, 2);

  const layout = layoutTree(built);
  const { nodes, edges, locutions } = built.graph;
  const wrapped = {
    AIF: {
      nodes,
      edges,
      schemefulfillments: nodes.filter((n) => n.schemeID).map((n) => ({ nodeID: n.nodeID, schemeID: n.schemeID })),
      participants: built.participants,
      locutions,
    },
    OVA: {
      firstname: "Parley",
      surname: "",
      url: "",
      nodes: nodes.map((n) => ({ nodeID: n.nodeID, visible: true, ...layout.get(n.nodeID)!, timestamp: "" })),
      edges: edges.map((e) => ({ fromID: e.fromID, toID: e.toID, visible: true })),
    },
    text: ovaText(board.source.text),
    parley,
  };
  return JSON.stringify(wrapped, null, 2);
}
