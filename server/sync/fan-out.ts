import * as Y from "yjs";
import { syncUpdate } from "../../lib/protocol/sync-messages";
import type { Connection } from "./connection";

/**
 * Sends one encoded sync frame to several connections. The Socket.io adapter does it as one broadcast
 * (the packet is encoded once for all); anything else sends it to each connection in turn.
 */
export type SendSyncToMany = (recipients: readonly Connection[], frame: Uint8Array) => void;

export const sendToEach: SendSyncToMany = (recipients, frame) => {
  for (const connection of recipients) connection.sendSync(frame);
};

/** The same for presence: one awareness frame to several connections (Socket.io: one broadcast). */
export type SendAwarenessToMany = (recipients: readonly Connection[], frame: Uint8Array) => void;

export const sendAwarenessToEach: SendAwarenessToMany = (recipients, frame) => {
  for (const connection of recipients) connection.sendAwareness(frame);
};

/** A committed update and the connection that sent it (null: the server). */
export interface Delivery {
  update: Uint8Array;
  senderId: string | null;
}

/**
 * Passes on a committed batch. A batch from one connection goes to everyone else as one frame (all of
 * it merged, encoded once), and that connection gets only what others added, as a sender never needs
 * its own update back. A batch from several connections goes to everyone as one frame: each sender
 * gets its own updates back inside it, which Yjs skips as already known. Merging the rest for each
 * sender would cost one merge per sender, and that grows with the square of a batch just when the room
 * is falling behind. Every connection gets each update it lacks exactly once.
 */
export function broadcastBatch(connections: Iterable<Connection>, batch: readonly Delivery[], send: SendSyncToMany = sendToEach): void {
  if (batch.length === 0) return;
  const senders = new Set(batch.map((entry) => entry.senderId));
  senders.delete(null);
  if (senders.size > 1) return send([...connections], syncUpdate(merged(batch)));
  const [sender] = senders;
  const everyone: Connection[] = [];
  for (const connection of connections) {
    if (connection.id !== sender) {
      everyone.push(connection);
      continue;
    }
    const others = batch.filter((entry) => entry.senderId !== sender);
    if (others.length > 0) send([connection], syncUpdate(merged(others)));
  }
  if (everyone.length > 0) send(everyone, syncUpdate(merged(batch)));
}

function merged(batch: readonly Delivery[]): Uint8Array {
  return batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((entry) => entry.update));
}
