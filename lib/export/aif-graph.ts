import type { Stance } from "../board/argument";
import type { ImportIssue } from "./imported-board";
import type { AifGraphInput } from "./aif-import";

/** An I-node's one answer: it supports (RA) or attacks (CA) the I-node `to`. */
export interface AifLink {
  to: string;
  stance: Stance;
}

type AifNodeInput = AifGraphInput["nodes"][number];

/**
 * Reads the graph's edges into what the board needs: the I-nodes in file order, each answering
 * I-node's link to what it answers, and who asserted each I-node. Reports unknown and duplicate ids,
 * scheme nodes without exactly one conclusion, and I-nodes answering more than one node (a Parley
 * argument has one parent).
 */
export function linkAifGraph(graph: AifGraphInput) {
  const errors: ImportIssue[] = [];
  const byId = new Map<string, AifNodeInput>();
  for (const node of graph.nodes) {
    if (byId.has(node.nodeID)) errors.push({ message: `Node ${node.nodeID}: the id is used by two nodes.` });
    byId.set(node.nodeID, node);
  }
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  graph.edges.forEach((edge, index) => {
    const missing = [edge.fromID, edge.toID].filter((id) => !byId.has(id));
    if (missing.length > 0) return errors.push({ message: `Edge ${index + 1} (${edge.fromID} → ${edge.toID}): no node has the id ${missing.join(" or ")}.` });
    incoming.set(edge.toID, [...(incoming.get(edge.toID) ?? []), edge.fromID]);
    outgoing.set(edge.fromID, [...(outgoing.get(edge.fromID) ?? []), edge.toID]);
  });
  if (errors.length > 0) return { errors, inodes: [], byId, parentOf: new Map<string, AifLink>(), authorOf: new Map<string, { id: string; name: string }>() };

  const typeOf = (id: string) => byId.get(id)?.type;
  const isScheme = (id: string) => typeOf(id) === "RA" || typeOf(id) === "CA";
  /** The I-node a scheme node answers: its conclusion, or for an undercut (scheme → scheme) that scheme's first premise. */
  const targetOf = (scheme: string): string | undefined => {
    const to = outgoing.get(scheme)?.[0];
    if (to === undefined || typeOf(to) === "I") return to;
    return isScheme(to) ? incoming.get(to)?.find((id) => typeOf(id) === "I") : undefined;
  };

  const parentOf = new Map<string, AifLink>();
  for (const node of graph.nodes) {
    if (!isScheme(node.nodeID)) continue;
    const conclusions = outgoing.get(node.nodeID) ?? [];
    const to = targetOf(node.nodeID);
    if (conclusions.length !== 1 || to === undefined) {
      errors.push({ message: `Node ${node.nodeID} (${node.type}) has ${conclusions.length} conclusions${conclusions.length === 1 ? " and none is a claim" : ""}; Parley needs exactly one claim it supports or attacks.` });
      continue;
    }
    const stance: Stance = node.type === "RA" ? "for" : "against";
    for (const premise of incoming.get(node.nodeID) ?? []) {
      if (typeOf(premise) !== "I") continue;
      const earlier = parentOf.get(premise);
      if (earlier && earlier.to !== to) errors.push({ message: `Node ${premise} answers both node ${earlier.to} and node ${to}; a Parley argument answers exactly one claim.` });
      else parentOf.set(premise, { to, stance });
    }
  }
  return { errors, inodes: graph.nodes.filter((n) => n.type === "I"), byId, parentOf, authorOf: authorsOf(graph, byId, incoming, outgoing) };
}

/** Who asserted each I-node: L-node → YA → I-node, the speaker from its locution's participant or the L-node text. */
function authorsOf(graph: AifGraphInput, byId: Map<string, AifNodeInput>, incoming: Map<string, string[]>, outgoing: Map<string, string[]>) {
  const personOf = new Map(graph.locutions.map((l) => [l.nodeID, l.personID]));
  const people = new Map(graph.participants.map((p) => [p.participantID, `${p.firstname} ${p.surname}`.trim()]));
  const authors = new Map<string, { id: string; name: string }>();
  for (const node of graph.nodes) {
    if (node.type !== "YA") continue;
    const l = (incoming.get(node.nodeID) ?? []).find((id) => byId.get(id)?.type === "L");
    const asserted = (outgoing.get(node.nodeID) ?? []).find((id) => byId.get(id)?.type === "I");
    if (l === undefined || asserted === undefined || authors.has(asserted)) continue;
    const person = personOf.get(l);
    const named = person === undefined ? undefined : people.get(person);
    const spoken = /^(.{1,80}?)\s+:\s/s.exec(byId.get(l)!.text)?.[1]?.trim();
    const name = named || spoken;
    if (name) authors.set(asserted, { id: person === undefined ? `speaker-${name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-")}` : `person-${person}`, name });
  }
  return authors;
}
