/**
 * Phases (b) and (c): the database goes away. (b) mid-session: connections are terminated and refused
 * while members keep editing; no addition made during the outage may be acknowledged, the witnesses'
 * status line must never read "All changes saved" over an unsaved change, and everything converges
 * once the database is back. (c) the server starts while the database refuses connections: it must
 * keep running with /api/health at 503, and the members who opened the board meanwhile join once the
 * database is back, the browser clients on their own.
 */
import { argumentsMap } from "../../lib/board/doc";
import { addTestArgument } from "../../tests/integration/support/board";
import { waitFor } from "../../tests/integration/support/wait";
import type { DrillContext, PhaseFigures } from "./context";
import { Crew } from "./crew";
import type { DrillSize } from "./size";
import { ChildServer } from "../../tests/integration/support/child-server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SAVED = "All changes saved";

export async function outageMidSession(ctx: DrillContext, size: DrillSize, seed: number): Promise<PhaseFigures> {
  const server = await ChildServer.create({ nodeEnv: "production", databaseUrl: ctx.db.url, dataDir: ctx.dataDir, compactEvery: size.compactEvery });
  const boardId = await ctx.newBoard("Drill: outage mid-session");
  const crew = await Crew.join({ store: ctx.store, boardId, urls: [server.url], fuzzers: size.fuzzers, witnesses: size.witnesses, seed });
  const notes: string[] = [];
  try {
    await server.start();
    crew.connectAll();
    await crew.joined();
    crew.start();
    const before = crew.acked();
    await waitFor(() => crew.acked() >= before + 20, { timeoutMs: 60_000, message: "edits before the outage" });

    await ctx.reachable(false);
    const cut = Date.now();
    // Whatever exists anywhere now may have been stored before the cut; anything newer cannot be.
    // (Every key of the map: a reply whose parent went is hidden from the board but may be stored.)
    const known = new Set([...crew.fuzzers, ...crew.witnesses.map((w) => w.client)].flatMap((c) => [...argumentsMap(c.doc).keys()]));
    const refusedBefore = crew.ledger.counts.get("ack-refused:storage-unavailable") ?? 0;
    const witnessEdits = crew.witnesses.map((w) => {
      const made = addTestArgument(w.client.doc, { text: `${w.name} during the outage.`, author: { id: w.memberId, name: w.name } });
      w.added.push(made.id);
      return Date.now();
    });
    const health = new Map<string, number>();
    while (Date.now() - cut < size.outageMs) {
      const status = String(await server.health());
      health.set(status, (health.get(status) ?? 0) + 1);
      await sleep(500);
    }
    const ackedDuring = [...crew.ledger.ackedAdds.keys()].filter((id) => !known.has(id));
    const refusedDuring = (crew.ledger.counts.get("ack-refused:storage-unavailable") ?? 0) - refusedBefore;
    const pendingAtRestore = crew.witnesses.map((w) => w.client.pending);
    const restoreAt = Date.now();
    await ctx.reachable(true);
    // "All changes saved" between a witness's outage edit and the restore is a lie.
    const falseSaved = crew.witnesses.reduce((n, w, i) => n + w.shown.filter((s) => s.at >= witnessEdits[i] && s.at < restoreAt && s.text === SAVED).length, 0);
    await waitFor(() => crew.witnesses.every((w) => w.client.status === "live" && w.client.pending === 0), {
      timeoutMs: 90_000,
      message: "the witnesses' outage edits to be saved",
    });
    const savedAgainAt = Date.now();
    await sleep(3_000); // a little more load on the recovered database
    await crew.stop();
    const end = await crew.settle(() => ctx.stored(boardId));
    // An add acknowledged during the outage is honest only if it was stored before the restore (its
    // frame committed just before the cut, and the add was deleted everywhere before `known` was read).
    const storedAt = await ctx.storedAt(boardId, ackedDuring);
    const falseAcks = ackedDuring.filter((id) => (storedAt.get(id)?.getTime() ?? Infinity) >= restoreAt);
    for (const id of ackedDuring) notes.push(`acked during the outage: ${id}, first stored ${storedAt.has(id) ? `${storedAt.get(id)!.getTime() - cut} ms after the cut` : "never"}`);
    notes.push(`witness status lines: ${crew.witnesses.map((w) => w.shown.filter((s) => s.at >= cut).map((s) => s.text).join(" → ")).join(" | ")}`);
    return {
      phase: "b: database outage mid-session",
      converged: end.converged,
      mustBeZero: {
        falseAcks: falseAcks.length,
        falseSaved,
        witnessesShowingNothingPending: pendingAtRestore.filter((n) => n === 0).length,
        lostAcked: end.lost.length,
        divergedClients: end.diverged.length,
      },
      figures: {
        outageMs: restoreAt - cut,
        acksDuringOutageStoredBeforeCut: ackedDuring.length - falseAcks.length,
        refusedDuringOutage: refusedDuring,
        health: [...health].map(([k, v]) => `${k}×${v}`).join(" "),
        witnessPendingAtRestore: pendingAtRestore.join(","),
        savedMsAfterRestore: savedAgainAt - restoreAt,
        witnessErrors: crew.witnesses.map((w) => [...new Set(w.errors)].join("+") || "none").join(","),
        ackedAdds: crew.ledger.ackedAdds.size,
        onBoard: end.onBoard,
        settleMs: end.settleMs,
        ledger: crew.ledger.summary(),
      },
      notes: [...notes, ...end.diverged.map((d) => `diverged: ${d}`), ...end.lost.map((id) => `lost: ${id}`)],
    };
  } finally {
    await ctx.reachable(true);
    await crew.stop();
    crew.close();
    await server.kill();
  }
}

export async function startWhileDown(ctx: DrillContext, size: DrillSize, seed: number): Promise<PhaseFigures> {
  const server = await ChildServer.create({ nodeEnv: "production", databaseUrl: ctx.db.url, dataDir: ctx.dataDir, compactEvery: size.compactEvery });
  const boardId = await ctx.newBoard("Drill: start while the database is down");
  // The members exist before the outage; the witnesses open the board at once and keep trying.
  const crew = await Crew.join({ store: ctx.store, boardId, urls: [server.url], fuzzers: size.fuzzers, witnesses: size.witnesses, seed });
  const health = new Map<string, number>();
  try {
    await ctx.reachable(false);
    const down = Date.now();
    server.spawn();
    let triedJoin = false;
    while (Date.now() - down < size.startDownMs) {
      const status = String(await server.health()); // throws if the process exited
      health.set(status, (health.get(status) ?? 0) + 1);
      if (status === "503" && !triedJoin) {
        crew.connectAll(); // refused as storage-unavailable; the drill reconnects them after the restore
        triedJoin = true;
      }
      await sleep(250);
    }
    const refusedJoins = [...crew.ledger.counts].filter(([k]) => k.startsWith("join-refused:")).reduce((n, [, v]) => n + v, 0);
    const restoreAt = Date.now();
    await ctx.reachable(true);
    await server.healthy();
    const healthyMs = Date.now() - restoreAt;
    await waitFor(() => crew.witnesses.every((w) => w.client.status === "live"), { timeoutMs: 90_000, message: "the witnesses to join on their own" });
    const witnessesLiveAt = Date.now();
    crew.connectAll();
    await crew.joined();
    const joinedMs = Date.now() - restoreAt;
    crew.start();
    await sleep(5_000);
    await crew.stop();
    const end = await crew.settle(() => ctx.stored(boardId));
    return {
      phase: "c: server started while the database refuses connections",
      converged: end.converged,
      mustBeZero: { healthyWhileDown: health.get("200") ?? 0, lostAcked: end.lost.length, divergedClients: end.diverged.length },
      figures: {
        downMs: restoreAt - down,
        health: [...health].map(([k, v]) => `${k}×${v}`).join(" "),
        refusedJoins,
        witnessErrors: crew.witnesses.map((w) => [...new Set(w.errors)].join("+") || "none").join(","),
        healthyMsAfterRestore: healthyMs,
        witnessesLiveMsAfterRestore: witnessesLiveAt - restoreAt,
        allJoinedMsAfterRestore: joinedMs,
        ackedAdds: crew.ledger.ackedAdds.size,
        onBoard: end.onBoard,
        ledger: crew.ledger.summary(),
      },
      notes: [...end.diverged.map((d) => `diverged: ${d}`), ...end.lost.map((id) => `lost: ${id}`)],
    };
  } finally {
    await ctx.reachable(true);
    await crew.stop();
    crew.close();
    await server.kill();
  }
}
