/** The join a client carries in its Socket.io handshake is read once and not kept (memory per connection, issue 11). */
import { toBase64 } from "lib0/buffer";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PROTOCOL_VERSION } from "@/lib/protocol/protocol";
import { SYNC_STEP_1, decodeSyncMessage } from "@/lib/protocol/sync-messages";
import { takeHandshakeJoin } from "@/server/sync/handshake-join";

describe("takeHandshakeJoin", () => {
  it("returns the join and its Step 1, and leaves the handshake's auth empty (no member token kept)", () => {
    const stateVector = Y.encodeStateVector(new Y.Doc());
    const handshake = { auth: { protocol: PROTOCOL_VERSION, boardId: "board-1", memberToken: "secret-token", stateVector: toBase64(stateVector) } as Record<string, unknown> };
    const carried = takeHandshakeJoin(handshake);
    expect(carried?.request).toEqual({ protocol: PROTOCOL_VERSION, boardId: "board-1", memberToken: "secret-token" });
    expect(decodeSyncMessage(carried!.step1!)).toEqual({ type: SYNC_STEP_1, stateVector });
    expect(handshake.auth).toEqual({});
  });

  it("a handshake without a join carries none, and keeps nothing either", () => {
    const handshake = { auth: { something: "else" } as Record<string, unknown> };
    expect(takeHandshakeJoin(handshake)).toBeNull();
    expect(handshake.auth).toEqual({});
  });
});
