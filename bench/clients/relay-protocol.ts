/**
 * The floor: a bare Socket.io + Yjs relay (bench/servers/relay-entry.ts). Events, all acked:
 *   join   C→S  room name                      → ack()
 *   sync   C→S  Yjs state vector               → ack(update with everything the client lacks)
 *   update both  Yjs update (C→S: relayed to the room, then ack())
 * The relay keeps each room's document in memory (so a newcomer can sync) and persists nothing.
 */
export const RELAY_EVENTS = { join: "join", sync: "sync", update: "update" } as const;
/** Rooms are seeded over HTTP before clients join (the relay has no database): POST /seed/<room>. */
export const RELAY_SEED_PATH = "/seed/";
