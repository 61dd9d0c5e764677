/**
 * Moves under concurrency: replicas of one board exchange updates through a server that checks each one
 * (checkBoardUpdate) before it relays it, as the sync room does. A refused client resets to the server's
 * state, as the browser client does. Crossing moves are played in both delivery orders, then a seeded
 * fuzz mixes moves, reorders, replies, edits and deletes. Every replica must converge, with one record
 * per id, no cycle on the board, and no card lost except with a thread someone deleted.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkBoardUpdate } from "@/lib/board/check-update";
import { argumentsMap, parseArgumentRecord, readArguments, readBoard, readPositions } from "@/lib/board/doc";
import { moveArgument, moveDestinations, reorderArgument, siblingsAt } from "@/lib/board/move";
import { addArgument, contextFor, deleteArgument, updateArgument } from "@/lib/board/operations";
import type { Argument } from "@/lib/board/argument";
import type { Actor } from "@/lib/board/roles";
import { validateArgumentRecord } from "@/lib/board/validate";
import { ALICE, ARTICLE, PAK_MILITARY, SEED_POSITIONS, US, makeBoardDoc, pick, replicaOf, seededRandom } from "./support/board-fixture";

// One facilitator behind every client: the adds must carry its own name, and permissions are moves.test.ts's.
const FACILITATOR: Actor = { memberId: ALICE.id, role: "facilitator", displayName: ALICE.name };

/** A server document and clients whose updates queue, in order per client, until delivered by hand. */
class Network {
  readonly server: Y.Doc;
  clients: Y.Doc[] = [];
  /** Per client: updates on their way to the server, and relayed updates on their way back. */
  private up: Uint8Array[][] = [];
  private down: Uint8Array[][] = [];
  refusals: string[] = [];

  constructor(server: Y.Doc, clients: number) {
    this.server = server;
    for (let i = 0; i < clients; i++) {
      this.up.push([]);
      this.down.push([]);
      this.clients.push(this.connect(i, replicaOf(server)));
    }
  }

  private connect(i: number, doc: Y.Doc): Y.Doc {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "server") this.up[i]!.push(update);
    });
    return doc;
  }

  /** The server takes client `i`'s oldest update: relays it to the others, or refuses it and resets `i`. */
  deliverUp(i: number): void {
    const update = this.up[i]!.shift();
    if (!update) return;
    const verdict = checkBoardUpdate(this.server, replicaOf(this.server), update, ARTICLE, FACILITATOR);
    if (!verdict.ok) {
      this.refusals.push(verdict.rejection.code === "invalid-content" ? verdict.rejection.detail.code : verdict.rejection.code);
      // The client drops its local state and everything it still meant to send, and reloads.
      this.up[i] = [];
      this.down[i] = [];
      this.clients[i] = this.connect(i, replicaOf(this.server));
      return;
    }
    Y.applyUpdate(this.server, update, "client");
    this.down.forEach((queue, j) => j !== i && queue.push(update));
  }

  deliverDown(i: number): void {
    const update = this.down[i]!.shift();
    if (update) Y.applyUpdate(this.clients[i]!, update, "server");
  }

  pending(): boolean {
    return this.up.some((q) => q.length > 0) || this.down.some((q) => q.length > 0);
  }

  flush(): void {
    while (this.pending()) for (let i = 0; i < this.clients.length; i++) this.deliverUp(i), this.deliverDown(i);
  }
}

function add(doc: Y.Doc, id: string, parentId: string = US, stance: "for" | "against" = "for", now = 1): void {
  const result = addArgument(doc, ARTICLE, { parentId, stance, text: `Argument ${id}`, quotes: [], author: ALICE }, { id, now });
  if (!result.ok) throw new Error(result.error.message);
}

function must<T>(result: { ok: boolean; error?: { message: string } } & T): void {
  if (!result.ok) throw new Error(result.error?.message);
}

/** Asserts that every replica reads the server's board, and that the board is sound. */
function expectConverged(network: Network): void {
  const expected = readBoard(network.server);
  for (const client of network.clients) expect(readBoard(client)).toEqual(expected);
  const ids = expected.arguments.map((a) => a.id);
  expect(new Set(ids).size).toBe(ids.length);
  // Every stored record reaches a position, unless a deleted argument is on its chain: no cycles.
  const stored = new Map<string, Argument>();
  for (const [key, value] of argumentsMap(network.server).entries()) {
    const arg = parseArgumentRecord(key, value);
    if (arg) stored.set(key, arg);
  }
  const positionIds = new Set(expected.positions.map((p) => p.id));
  for (const arg of stored.values()) {
    const seen = new Set<string>();
    let at: Argument | undefined = arg;
    while (at && !positionIds.has(at.parentId)) {
      expect(seen.has(at.id), `cycle through ${at.id}`).toBe(false);
      seen.add(at.id);
      at = stored.get(at.parentId);
    }
    if (at) expect(ids, `${arg.id} reaches a position but is not shown`).toContain(arg.id);
  }
}

function twoTopLevel(): Y.Doc {
  const doc = makeBoardDoc();
  add(doc, "a", US, "for", 1);
  add(doc, "b", US, "for", 2);
  add(doc, "b1", "b", "against", 3);
  return doc;
}

describe("crossing moves (A under B, B under A)", () => {
  it.each([
    [0, 1],
    [1, 0],
  ])("the server sees client %i first: its move stands, the other is refused, all converge", (first, second) => {
    const network = new Network(twoTopLevel(), 2);
    must(moveArgument(network.clients[0]!, ARTICLE, "a", { parentId: "b1" }));
    must(moveArgument(network.clients[1]!, ARTICLE, "b", { parentId: "a" }));
    network.deliverUp(first);
    network.deliverUp(second);
    network.flush();
    expect(network.refusals).toEqual(["cycle"]);
    expectConverged(network);
    const parents = Object.fromEntries(readArguments(network.server).map((a) => [a.id, a.parentId]));
    expect(parents).toEqual(first === 0 ? { a: "b1", b: US, b1: "b" } : { a: US, b: "a", b1: "b" });
  });
});

describe("a move meets another edit", () => {
  it.each([
    [0, 1],
    [1, 0],
  ])("two moves of the same card (order %i, %i): one wins everywhere, the card is shown once", (first, second) => {
    const network = new Network(twoTopLevel(), 2);
    must(moveArgument(network.clients[0]!, ARTICLE, "a", { parentId: PAK_MILITARY, stance: "against" }));
    must(moveArgument(network.clients[1]!, ARTICLE, "a", { parentId: "b", stance: "for" }));
    network.deliverUp(first);
    network.deliverUp(second);
    network.flush();
    expect(network.refusals).toEqual([]);
    expectConverged(network);
    expect(readArguments(network.server).filter((a) => a.id === "a")).toHaveLength(1);
  });

  it.each([
    [0, 1],
    [1, 0],
  ])("a move to another position and a reply under the moved card (order %i, %i): the reply follows", (first, second) => {
    const network = new Network(twoTopLevel(), 2);
    must(moveArgument(network.clients[0]!, ARTICLE, "b", { parentId: PAK_MILITARY, stance: "against" }));
    add(network.clients[1]!, "reply", "b1", "for", 10);
    network.deliverUp(first);
    network.deliverUp(second);
    network.flush();
    expect(network.refusals).toEqual([]);
    expectConverged(network);
    const reply = readArguments(network.server).find((a) => a.id === "reply");
    expect(reply).toMatchObject({ parentId: "b1", positionId: PAK_MILITARY });
  });

  it.each([
    [0, 1],
    [1, 0],
  ])("a move of a card and its deletion (order %i, %i): the deletion wins, no ghost is left", (first, second) => {
    const network = new Network(twoTopLevel(), 2);
    must(moveArgument(network.clients[0]!, ARTICLE, "a", { parentId: "b1" }));
    must(deleteArgument(network.clients[1]!, "a"));
    network.deliverUp(first);
    network.deliverUp(second);
    network.flush();
    expectConverged(network);
    expect(readArguments(network.server).map((a) => a.id)).toEqual(["b", "b1"]);
  });

  it("a move under a thread deleted first is refused: the card stays where it was", () => {
    const network = new Network(twoTopLevel(), 2);
    must(deleteArgument(network.clients[0]!, "b"));
    must(moveArgument(network.clients[1]!, ARTICLE, "a", { parentId: "b1" }));
    network.deliverUp(0);
    network.deliverUp(1);
    network.flush();
    expect(network.refusals).toEqual(["parent-not-found"]);
    expectConverged(network);
    expect(readArguments(network.server).map((a) => `${a.id}:${a.parentId}`)).toEqual([`a:${US}`]);
  });

  it("two cards dropped into the same gap at once get the same key, and every replica orders them by id", () => {
    const network = new Network(twoTopLevel(), 2);
    add(network.clients[0]!, "c", US, "for", 4);
    add(network.clients[0]!, "d", US, "for", 5);
    network.flush();
    must(moveArgument(network.clients[0]!, ARTICLE, "d", { parentId: US, after: "a" }));
    must(moveArgument(network.clients[1]!, ARTICLE, "c", { parentId: US, after: "a" }));
    network.flush();
    expectConverged(network);
    const lane = siblingsAt(readArguments(network.server), US, "for", (id) => id === US || id === PAK_MILITARY).map((a) => a.id);
    expect(lane).toEqual(["a", "c", "d", "b"]);
  });
});

describe("seeded fuzz: moves, reorders, replies, edits and deletes through a checking server", () => {
  const SEEDS = [3, 11, 29, 404, 2026];
  const STEPS = 150;
  const CLIENTS = 3;

  function randomEdit(doc: Y.Doc, client: number, step: number, random: () => number): void {
    const args = readArguments(doc);
    const roll = random();
    const now = 100 + step;
    if (args.length < 3 || roll < 0.3) {
      const parentId = args.length && random() < 0.6 ? pick(random, args).id : pick(random, SEED_POSITIONS).id;
      add(doc, `c${client}s${step}`, parentId, random() < 0.5 ? "for" : "against", now);
    } else if (roll < 0.6) {
      const id = pick(random, args).id;
      const destinations = moveDestinations(args, SEED_POSITIONS.map((p) => p.id), id);
      const to = pick(random, destinations);
      const stance = to.stance ?? (random() < 0.5 ? "for" : "against");
      const siblings = siblingsAt(args, to.parentId, stance, (pid) => pid === US || pid === PAK_MILITARY).filter((a) => a.id !== id);
      const beside = siblings.length && random() < 0.6 ? { before: pick(random, siblings).id } : {};
      expect(moveArgument(doc, ARTICLE, id, { parentId: to.parentId, stance, ...beside }, now).ok).toBe(true);
    } else if (roll < 0.75) {
      reorderArgument(doc, ARTICLE, pick(random, args).id, random() < 0.5 ? -1 : 1, now);
    } else if (roll < 0.9) {
      expect(updateArgument(doc, ARTICLE, pick(random, args).id, { text: `edited by c${client} at ${step}` }, now).ok).toBe(true);
    } else {
      expect(deleteArgument(doc, pick(random, args).id).ok).toBe(true);
    }
  }

  function run(seed: number): Network {
    const random = seededRandom(seed);
    const server = makeBoardDoc();
    const network = new Network(server, CLIENTS);
    network.clients.forEach((c, i) => (c.clientID = 500 + i));
    for (let step = 0; step < STEPS; step++) {
      const client = Math.floor(random() * CLIENTS);
      randomEdit(network.clients[client]!, client, step, random);
      while (network.pending() && random() < 0.6) {
        const who = Math.floor(random() * CLIENTS);
        if (random() < 0.5) network.deliverUp(who);
        else network.deliverDown(who);
      }
    }
    network.flush();
    return network;
  }

  it.each(SEEDS)("seed %i: every replica converges on a sound board", (seed) => {
    const network = run(seed);
    expectConverged(network);
    const ctx = contextFor(network.server, ARTICLE);
    for (const argument of readArguments(network.server)) {
      const verdict = validateArgumentRecord(argument, ctx);
      expect(verdict.ok ? "ok" : verdict.error.message).toBe("ok");
    }
    expect(readArguments(network.server).length).toBeGreaterThan(0);
    expect(readPositions(network.server)).toHaveLength(2);
  });

  it("produces crossing moves the server refuses, so the fuzz exercises the cycle check", () => {
    const refusals = SEEDS.flatMap((seed) => run(seed).refusals);
    expect(refusals).toContain("cycle");
  });
});
