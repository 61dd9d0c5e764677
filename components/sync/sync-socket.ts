import { io } from "socket.io-client";
import { RECONNECT_BACKOFF } from "@/lib/protocol/backoff";
import { SYNC_NAMESPACE } from "@/lib/protocol/protocol";

/** The Socket.io client calls the board client makes; unit tests pass a fake whose messages they deliver by hand. */
export interface SyncSocket {
  readonly connected: boolean;
  /**
   * What the next handshake carries (Socket.io's `auth`): the board client sets a function, asked
   * anew at every connect and reconnect, so a join in the handshake always names the current state.
   */
  auth?: object | ((reply: (data: object) => void) => void);
  /** False once Socket.io will not reconnect by itself (after a server-side disconnect or a refused handshake). */
  readonly active: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
  connect(): unknown;
  disconnect(): unknown;
}

/** Opens the Socket.io connection to the sync namespace at `url` (same origin when empty). */
export function openSyncSocket(url = ""): SyncSocket {
  const socket = io(`${url}${SYNC_NAMESPACE}`, {
    transports: ["websocket", "polling"],
    // Socket.io's own reconnection (after a lost network) backs off with jitter on the same schedule as ours.
    reconnectionDelay: RECONNECT_BACKOFF.baseMs,
    reconnectionDelayMax: RECONNECT_BACKOFF.maxMs,
    randomizationFactor: 0.5,
  });
  return socket as unknown as SyncSocket;
}
