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
 * Flushes each connection once per turn of the event loop, in one system call. Socket.io writes an
 * event with a binary payload (every sync and presence frame) as two packets, a header and its
 * attachment, and a join's answer is several such events. Engine.IO flushed each packet as written and
 * held the rest until that write's callback, so a broadcast went over every socket twice before anyone
 * could read it, and `ws` wrote each frame with its own `writev`. The flush now runs once, in a
 * microtask after the current turn's writes, with the TCP socket corked around it: same frames, same
 * order, same bytes, one write.
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
        const tcp = tcpSocketOf(engineSocket);
        tcp?.cork();
        try {
          flushNow();
        } finally {
          tcp?.uncork();
        }
      });
    };
  });
}
