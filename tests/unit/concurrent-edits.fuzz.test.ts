/**
 * Seeded fuzz test of concurrent editing: three replicas of one board make random adds, edits and
 * deletes through the board operations while their updates travel in random order, and in the end
 * every replica must read the same board. A seed that ever fails belongs in SEEDS below for good.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import { readArguments, readBoard } from "@/lib/board/doc";
import { addArgument, contextFor, deleteArgument, updateArgument } from "@/lib/board/operations";
import { validateArgumentRecord } from "@/lib/board/validate";
import { ARTICLE, SEED_POSITIONS, anchorFor, makeBoardDoc, pick, replicaOf, seededRandom } from "./support/board-fixture";

const PEERS = 3;
const STEPS = 120;
const SEEDS = [1, 7, 42, 1234, 99_991];
const QUOTES: QuoteAnchor[] = ["vis-à-vis", "Imran Khan", "his administration\u00a0was suspending aid", "Pakistan —\u00a0that Islamabad"].map((q) => anchorFor(ARTICLE, q));
const STANCES = ["for", "against"] as const;

interface Message {
  to: number;
  update: Uint8Array;
}

interface Network {
  peers: Y.Doc[];
  inFlight: Message[];
}

/** Replicas of one board whose every local change is queued for the other replicas. */
function makeNetwork(): Network {
  const origin = makeBoardDoc();
  const network: Network = { peers: [], inFlight: [] };
  for (let i = 0; i < PEERS; i++) {
    const peer = replicaOf(origin);
    peer.clientID = 101 + i; // fixed ids: Yjs breaks ties between concurrent writes by client id
    peer.on("update", (update: Uint8Array, from: unknown) => {
      if (from === "network") return; // relayed updates are not sent again
      for (let to = 0; to < PEERS; to++) if (to !== i) network.inFlight.push({ to, update });
    });
    network.peers.push(peer);
  }
  return network;
}

/** Delivers one in-flight update, chosen at random, so updates arrive out of order. */
function deliverOne(network: Network, random: () => number): void {
  const index = Math.floor(random() * network.inFlight.length);
  const [message] = network.inFlight.splice(index, 1);
  Y.applyUpdate(network.peers[message.to], message.update, "network");
}

function randomEdit(doc: Y.Doc, peer: number, step: number, random: () => number): void {
  const visible = readArguments(doc);
  const roll = random();
  const now = step * 10 + peer;
  if (visible.length === 0 || roll < 0.45) {
    const parentId = visible.length && random() < 0.6 ? pick(random, visible).id : pick(random, SEED_POSITIONS).id;
    const quotes = random() < 0.4 ? [pick(random, QUOTES)] : [];
    const input = { parentId, stance: pick(random, STANCES), text: `p${peer} s${step}`, quotes, author: { id: `user-${peer}`, name: `Peer ${peer}` } };
    expect(addArgument(doc, ARTICLE, input, { id: `arg-${peer}-${step}`, now }).ok).toBe(true);
  } else if (roll < 0.8) {
    const target = pick(random, visible).id;
    const patch = random() < 0.5 ? { text: `edited by p${peer} at s${step}` } : { stance: pick(random, STANCES), quotes: random() < 0.5 ? [pick(random, QUOTES)] : [] };
    expect(updateArgument(doc, ARTICLE, target, patch, now).ok).toBe(true);
  } else {
    expect(deleteArgument(doc, pick(random, visible).id).ok).toBe(true);
  }
}

/** Runs one seeded session and returns the replicas after every update has been delivered. */
function runSession(seed: number): Y.Doc[] {
  const random = seededRandom(seed);
  const network = makeNetwork();
  for (let step = 0; step < STEPS; step++) {
    const peer = Math.floor(random() * PEERS);
    randomEdit(network.peers[peer], peer, step, random);
    // Let a random share of the traffic through, leaving the rest in flight to create concurrency.
    while (network.inFlight.length && random() < 0.5) deliverOne(network, random);
  }
  while (network.inFlight.length) deliverOne(network, random);
  return network.peers;
}

describe("concurrent edits converge", () => {
  it.each(SEEDS)("seed %i: every replica reads the same board", (seed) => {
    const peers = runSession(seed);
    const boards = peers.map((peer) => readBoard(peer));
    expect(boards[1]).toEqual(boards[0]);
    expect(boards[2]).toEqual(boards[0]);
    expect(peers.every((peer) => peer.store.pendingStructs === null && peer.store.pendingDs === null)).toBe(true);
  });

  it.each(SEEDS)("seed %i: every argument still shown obeys the board's rules", (seed) => {
    const [peer] = runSession(seed);
    const ctx = contextFor(peer, ARTICLE);
    for (const argument of readArguments(peer)) {
      const verdict = validateArgumentRecord(argument, ctx);
      expect(verdict.ok ? "ok" : verdict.error.message).toBe("ok");
    }
  });

  it("replays the same session from the same seed", () => {
    const first = readBoard(runSession(SEEDS[0])[0]);
    const second = readBoard(runSession(SEEDS[0])[0]);
    expect(second).toEqual(first);
    expect(first.arguments.length).toBeGreaterThan(0);
  });
});
