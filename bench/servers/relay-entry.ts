/**
 * The floor of the comparison: a bare Socket.io + Yjs relay (protocol: bench/clients/relay-protocol.ts).
 * In memory, every update relayed to the room, nothing persisted, nothing validated. PORT from the env.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";
import * as Y from "yjs";
import { RELAY_EVENTS, RELAY_SEED_PATH } from "../clients/relay-protocol";
import { installHeapProbe } from "./heap-probe";

installHeapProbe();
const rooms = new Map<string, Y.Doc>();
const roomDoc = (name: string) => rooms.get(name) ?? rooms.set(name, new Y.Doc()).get(name)!;

const http = createServer((req, res) => {
  if (req.method === "POST" && req.url?.startsWith(RELAY_SEED_PATH)) {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      Y.applyUpdate(roomDoc(decodeURIComponent(req.url!.slice(RELAY_SEED_PATH.length))), Buffer.concat(chunks));
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(req.url === "/health" ? 200 : 404).end();
});
// The harness seeds over one kept-alive connection with long pauses (building a big board) in between.
http.keepAliveTimeout = 600_000;
const io = new Server(http, { maxHttpBufferSize: 50_000_000 });
io.on("connection", (socket) => {
  let room: string | null = null;
  socket.on(RELAY_EVENTS.join, (name: string, ack: () => void) => {
    room = String(name);
    void socket.join(room);
    ack();
  });
  socket.on(RELAY_EVENTS.sync, (stateVector: Uint8Array, ack: (update: Uint8Array) => void) => {
    if (room) ack(Y.encodeStateAsUpdate(roomDoc(room), new Uint8Array(stateVector)));
  });
  socket.on(RELAY_EVENTS.update, (update: Uint8Array, ack: () => void) => {
    if (!room) return;
    Y.applyUpdate(roomDoc(room), new Uint8Array(update));
    socket.to(room).emit(RELAY_EVENTS.update, update);
    ack();
  });
});
http.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`relay ready on ${process.env.PORT}`));
process.once("SIGTERM", () => process.exit(0));
