/**
 * The seq bookkeeping behind scale-out gap repair, without Redis or a database: a board's log held in
 * memory (with compaction), and one process's copy fed relayed updates in whatever order a test picks.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UpdatesAfter } from "@/server/persistence/board-store";
import { RelayCatchUp, applyCapturingNews } from "@/server/sync/relay-catch-up";

/** A board's update log as the store keeps it: entries after the latest snapshot, seq from 1. */
class MemoryLog {
  readonly author = new Y.Doc();
  private snapshot: { upToSeq: number; data: Uint8Array } | null = null;
  private readonly entries = new Map<number, Uint8Array>();
  private latest = 0;
  reads = 0;
  failNextRead = false;

  /** Saves one edit (a line of text) and returns its seq and update. */
  append(line: string): { seq: number; update: Uint8Array } {
    const before = Y.encodeStateVector(this.author);
    this.author.getArray<string>("lines").push([line]);
    const update = Y.encodeStateAsUpdate(this.author, before);
    this.entries.set(++this.latest, update);
    return { seq: this.latest, update };
  }

  compact(): void {
    const parts = [...(this.snapshot ? [this.snapshot.data] : []), ...[...this.entries.values()]];
    this.snapshot = { upToSeq: this.latest, data: Y.mergeUpdates(parts) };
    this.entries.clear();
  }

  async loadUpdatesAfter(_boardId: string, afterSeq: number): Promise<UpdatesAfter> {
    this.reads++;
    if (this.failNextRead) {
      this.failNextRead = false;
      throw new Error("database down");
    }
    const entries = [...this.entries].filter(([seq]) => seq > afterSeq).map(([seq, data]) => ({ seq, data }));
    if (entries[0]?.seq === afterSeq + 1 || !this.snapshot || this.snapshot.upToSeq <= afterSeq) return { snapshot: null, entries };
    return { snapshot: this.snapshot, entries };
  }
}

/** One process's copy of the board, loaded when the log held `loaded`, kept current only by the relay. */
function setUp(loaded: string[] = ["first"]) {
  const log = new MemoryLog();
  for (const line of loaded) log.append(line);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(log.author));
  let applyCalls = 0;
  const relay = new RelayCatchUp("board-1", log, loaded.length, (updates) => {
    applyCalls++;
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const lines = () => doc.getArray<string>("lines").toArray();
  const all = () => log.author.getArray<string>("lines").toArray();
  return { log, doc, relay, lines, all, applyCalls: () => applyCalls };
}

describe("RelayCatchUp", () => {
  it("applies relayed updates that arrive in order, without reading the store", async () => {
    const { log, relay, lines, all } = setUp();
    for (const line of ["a", "b", "c"]) {
      const { seq, update } = log.append(line);
      await relay.receive(seq, update);
    }
    expect(lines()).toEqual(all());
    expect(relay.position()).toEqual({ contiguous: 4, above: [] });
    expect(log.reads).toBe(0);
  });

  it("notices a missed update at the next one and reads the gap from the store", async () => {
    const { log, relay, lines, all, applyCalls } = setUp();
    const two = log.append("two");
    log.append("three (its relay is lost)");
    const four = log.append("four");
    await relay.receive(two.seq, two.update);
    await relay.receive(four.seq, four.update);
    expect(lines()).toEqual(all());
    expect(relay.position()).toEqual({ contiguous: 4, above: [] });
    expect(log.reads).toBe(1);

    const calls = applyCalls();
    await relay.receive(four.seq, four.update); // a late duplicate changes nothing
    expect(applyCalls()).toBe(calls);
  });

  it("does not take its own later commit as proof it holds an earlier remote one", async () => {
    const { log, relay, doc, lines, all } = setUp();
    const remote = log.append("saved by B as 2");
    const own = log.append("saved here as 3 before hearing of 2");
    Y.applyUpdate(doc, own.update);
    relay.noteSaved(own.seq);
    expect(relay.position()).toEqual({ contiguous: 1, above: [3] });
    expect(relay.holds(remote.seq)).toBe(false);

    await relay.receive(remote.seq, remote.update); // arrives late: fills the gap, no store read needed
    expect(relay.position()).toEqual({ contiguous: 3, above: [] });
    expect(log.reads).toBe(0);
    expect(lines()).toEqual(all());
  });

  it("reads a remote gap below its own commit, skipping what it already holds", async () => {
    const { log, relay, doc, lines, all } = setUp();
    log.append("remote 2, lost");
    const own = log.append("own 3");
    Y.applyUpdate(doc, own.update);
    relay.noteSaved(own.seq);
    const next = log.append("remote 4");
    await relay.receive(next.seq, next.update);
    expect(lines()).toEqual(all());
    expect(relay.position()).toEqual({ contiguous: 4, above: [] });
    expect(log.reads).toBe(1);
  });

  it("falls back to the snapshot when compaction folded the missing range", async () => {
    const { log, relay, lines, all } = setUp();
    log.append("lost, then folded");
    log.append("also folded");
    log.compact();
    const next = log.append("after the compaction");
    await relay.receive(next.seq, next.update);
    expect(lines()).toEqual(all());
    expect(relay.position()).toEqual({ contiguous: 4, above: [] });
  });

  it("catchUpTo reads only when the store is ahead", async () => {
    const { log, relay, lines, all } = setUp();
    await relay.catchUpTo(1);
    expect(log.reads).toBe(0);
    log.append("the last of a burst, lost");
    await relay.catchUpTo(2);
    expect(lines()).toEqual(all());
    expect(relay.position().contiguous).toBe(2);
    expect(log.reads).toBe(1);
  });

  it("still applies a relayed update when the store cannot answer, and repairs the gap later", async () => {
    const { log, relay, lines, all } = setUp();
    log.append("lost");
    const next = log.append("arrives while the database is down");
    log.failNextRead = true;
    await expect(relay.receive(next.seq, next.update)).rejects.toThrow("database down");
    expect(relay.position()).toEqual({ contiguous: 1, above: [3] });

    await relay.catchUpTo(3);
    expect(lines()).toEqual(all());
    expect(relay.position()).toEqual({ contiguous: 3, above: [] });
  });

  it("converges whatever the delivery order, loss and interleaving (seeded)", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const { log, doc, relay, lines, all } = setUp();
      const inFlight: { seq: number; update: Uint8Array }[] = [];
      for (let i = 0; i < 30; i++) {
        const saved = log.append(`edit ${i}`);
        if (random() < 0.25) {
          Y.applyUpdate(doc, saved.update); // our own commit
          relay.noteSaved(saved.seq);
        } else if (random() > 0.15) inFlight.push(saved); // else: lost on the way
        if (random() < 0.1) log.compact();
        while (inFlight.length > 0 && random() < 0.5) {
          const [next] = inFlight.splice(Math.floor(random() * inFlight.length), 1);
          await relay.receive(next.seq, next.update);
        }
      }
      for (const late of inFlight) await relay.receive(late.seq, late.update);
      await relay.catchUpTo(31);
      expect(lines(), `seed ${seed}`).toEqual(all());
      expect(relay.position(), `seed ${seed}`).toEqual({ contiguous: 31, above: [] });
    }
  });
});

describe("applyCapturingNews", () => {
  it("returns only what was new to the document, and what it applied before an undecodable update", () => {
    const log = new MemoryLog();
    const one = log.append("one");
    const two = log.append("two");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, one.update);
    const snapshot = Y.encodeStateAsUpdate(log.author); // holds "one" again, and "two"

    const { news, failure } = applyCapturingNews(doc, [snapshot], "remote");
    expect(failure).toBeNull();
    expect(Y.decodeUpdate(news!).structs).toHaveLength(1); // "two" only
    const peer = new Y.Doc(); // a client that held what the document held
    Y.applyUpdate(peer, one.update);
    Y.applyUpdate(peer, news!);
    expect(peer.getArray<string>("lines").toArray()).toEqual(["one", "two"]);
    expect(applyCapturingNews(doc, [two.update], "remote")).toEqual({ news: null, failure: null });

    const three = log.append("three");
    const broken = applyCapturingNews(doc, [three.update, two.update.subarray(0, 3)], "remote");
    expect(broken.failure).toBeInstanceOf(Error);
    expect(broken.news).not.toBeNull();
    expect(doc.getArray<string>("lines").toArray()).toEqual(["one", "two", "three"]);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
