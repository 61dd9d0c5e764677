import type { Socket as NetSocket } from "node:net";
import type { Server as EngineServer, Socket as EngineSocket } from "engine.io";

/**
 * The TCP socket under an Engine.IO connection's WebSocket transport, or null (long-polling, closed).
 * Engine.IO's transport keeps the `ws` WebSocket as `socket`, and `ws` keeps the TCP socket as `_socket`.
 */
function tcpSocketOf(engineSocket: EngineSocket): NetSocket | null {
  const transport = engineSocket.transport as unknown as { name?: string; socket?: { _socket?: NetSocket | null } };
  if (transport?.name !== "websocket") return null;
  const tcp = transport.socket?._socket;
  return tcp && typeof tcp.cork === "function" && !tcp.destroyed ? tcp : null;
}

/**
 * Writes each Engine.IO flush of several packets with one system call instead of one per packet.
 * A join is answered with a handful of packets at once (`joined`, then the Step 2 and Step 1, each a
 * Socket.io header and its binary attachment), and `ws` writes every frame on its own (a `writev` each).
 * Engine.IO announces a flush (`flush`) and its end (`drain`) synchronously around the transport's
 * send, so the TCP socket is corked for exactly that loop: the frames, their order and their bytes on
 * the wire are unchanged; they leave in one `writev` when the loop ends, before anything else runs.
 */
export function corkMultiPacketFlushes(engine: EngineServer): void {
  const corked = new WeakMap<EngineSocket, NetSocket>();
  engine.on("flush", (engineSocket: EngineSocket, packets: readonly unknown[]) => {
    if (packets.length < 2) return;
    const tcp = tcpSocketOf(engineSocket);
    if (!tcp) return;
    tcp.cork();
    corked.set(engineSocket, tcp);
    // Should the send throw before Engine.IO's "drain", the socket must not stay corked.
    process.nextTick(() => uncork(engineSocket));
  });
  const uncork = (engineSocket: EngineSocket) => {
    const tcp = corked.get(engineSocket);
    if (!tcp) return;
    corked.delete(engineSocket);
    tcp.uncork();
  };
  engine.on("drain", uncork);
}

/**
 * Flushes each connection once per turn of the event loop rather than once per packet. Socket.io
 * writes an event with a binary payload (every sync and presence frame) as two packets, a header and
 * its attachment; Engine.IO flushed the header alone, then held the attachment until that write's
 * callback, so a broadcast to a room went over every socket twice before anyone could read it. With
 * the flush deferred to the end of the current turn (a microtask), both packets leave in one flush
 * (one `writev` with corkMultiPacketFlushes), in the same order.
 */
export function flushOncePerTurn(engine: EngineServer): void {
  engine.on("connection", (engineSocket: EngineSocket) => {
    const socket = engineSocket as unknown as { flush: () => void };
    const flushNow = socket.flush.bind(engineSocket);
    let scheduled = false;
    socket.flush = () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        flushNow();
      });
    };
  });
}
