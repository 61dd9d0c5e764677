/**
 * The pure parts of the board client: the status line's words, backoff with jitter, and the pending
 * queue that only an ack `{ ok: true }` empties.
 */
import { describe, expect, it } from "vitest";
import { PendingChanges } from "@/components/sync/pending-changes";
import { describeSyncStatus } from "@/components/sync/sync-status";
import { RECONNECT_BACKOFF, backoffDelay } from "@/lib/protocol/backoff";
import { errorAck } from "./support/fake-sync-socket";

const frame = (n: number) => new Uint8Array([2, 1, n]);

describe("sync status: honest words", () => {
  it("says saved only on a live connection with nothing unconfirmed", () => {
    expect(describeSyncStatus({ status: "live", pending: 0, retrying: false }).text).toBe("All changes saved");
    expect(describeSyncStatus({ status: "live", pending: 2, retrying: false }).text).toBe("Saving…");
    expect(describeSyncStatus({ status: "live", pending: 3, retrying: true }).text).toBe("Not saved yet — retrying (3 changes)");
    expect(describeSyncStatus({ status: "live", pending: 1, retrying: true }).text).toBe("Not saved yet — retrying (1 change)");
  });

  it("counts unsaved changes while offline, and says just Offline when there are none", () => {
    expect(describeSyncStatus({ status: "offline", pending: 2, retrying: false }).text).toBe("Offline — 2 changes will sync when you reconnect");
    expect(describeSyncStatus({ status: "offline", pending: 2, retrying: true }).text).toBe("Offline — 2 changes will sync when you reconnect");
    expect(describeSyncStatus({ status: "offline", pending: 0, retrying: false }).text).toBe("Offline");
  });

  it("counts changes restored after a reload while it is still connecting", () => {
    expect(describeSyncStatus({ status: "connecting", pending: 3, retrying: false }).text).toBe("Connecting… — 3 changes waiting to sync");
    expect(describeSyncStatus({ status: "syncing", pending: 1, retrying: false }).text).toBe("Syncing… — 1 change waiting to sync");
    expect(describeSyncStatus({ status: "connecting", pending: 0, retrying: false }).text).toBe("Connecting…");
  });

  it("never reads as saved while anything is pending, in any state", () => {
    for (const status of ["connecting", "syncing", "live", "offline", "failed"] as const) {
      for (const retrying of [false, true]) {
        const { text, tone } = describeSyncStatus({ status, pending: 1, retrying });
        expect(text).not.toBe("All changes saved");
        expect(tone).not.toBe("ok");
      }
    }
  });
});

describe("backoff with jitter", () => {
  it("grows with each attempt up to the ceiling, and stays within the upper half of it", () => {
    const policy = { baseMs: 1_000, maxMs: 8_000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999_999))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it("spreads clients out: the same attempt gives different delays for different random draws", () => {
    const delays = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => backoffDelay(0, RECONNECT_BACKOFF, () => r)));
    expect(delays.size).toBe(5);
  });
});

describe("pending changes: only a successful ack removes one", () => {
  it("keeps a change through a retryable failure and drops it once stored", () => {
    const queue = new PendingChanges();
    const change = queue.add(frame(1), []);
    const first = queue.markSent(change);
    expect(queue.acknowledge(change.seq, first, errorAck("storage-unavailable"))).toMatchObject({ kind: "retry", firstFailure: true });
    expect(queue.count).toBe(1);
    expect(queue.retrying).toBe(true);
    expect(queue.unsent()).toEqual([change]);

    const second = queue.markSent(change);
    expect(queue.acknowledge(change.seq, second, { ok: true })).toEqual({ kind: "saved" });
    expect(queue.count).toBe(0);
    expect(queue.retrying).toBe(false);
  });

  it("ignores a failure that answers an older send, but takes a success from any send", () => {
    const queue = new PendingChanges();
    const change = queue.add(frame(1), []);
    const old = queue.markSent(change);
    const current = queue.markSent(change);
    expect(queue.acknowledge(change.seq, old, errorAck("resync-required"))).toEqual({ kind: "stale" });
    expect(queue.retrying).toBe(false);
    expect(queue.acknowledge(change.seq, old, { ok: true })).toEqual({ kind: "saved" });
    expect(queue.acknowledge(change.seq, current, { ok: true })).toEqual({ kind: "stale" });
  });

  it("drops only the refused change", () => {
    const queue = new PendingChanges();
    const [a, b, c] = [queue.add(frame(1), []), queue.add(frame(2), []), queue.add(frame(3), [])];
    const tokens = [a, b, c].map((change) => queue.markSent(change));
    const outcome = queue.acknowledge(b.seq, tokens[1], errorAck("update-rejected", "An argument needs some text."));
    expect(outcome).toMatchObject({ kind: "refused", change: b, error: { code: "update-rejected", message: "An argument needs some text." } });
    expect(queue.list()).toEqual([a, c]);
  });

  it("after a lost connection counts everything as unsent and forgets the handshake reply", () => {
    const queue = new PendingChanges();
    const change = queue.add(frame(1), []);
    const handshake = queue.add(frame(2), [], "handshake");
    queue.markSent(change);
    queue.markSent(handshake);
    queue.connectionLost();
    expect(queue.unsent()).toEqual([change]);
    expect(queue.count).toBe(1);
  });
});
