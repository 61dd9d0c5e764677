import type { BoardStore } from "../persistence/board-store";
import { BoardRoom, type RoomOptions } from "./board-room";
import { UpdateFolder } from "./update-folder";

export interface RoomManagerOptions extends RoomOptions {
  /** How long a room with nobody in it stays loaded before it is compacted and unloaded. */
  idleUnloadMs: number;
  /** Called once a board's room is unloaded (what was kept for it may go too). */
  onUnload?: (boardId: string) => void;
}

interface RoomEntry {
  opened: Promise<BoardRoom>;
  built: Promise<BoardRoom>;
  /** The room once opened. */
  room: BoardRoom | null;
}

/**
 * Keeps a board's room in memory while anyone is connected, loading it once however many people
 * join at the same moment, and unloading it (after a final compaction) once it has been idle.
 * Every room folds its log in the manager's one worker thread (unless `options.fold` says otherwise).
 */
export class RoomManager {
  /** Each board's room as soon as it is read (`opened`, its document maybe still being built) and once built. */
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The worker thread compactions fold in. */
  readonly folder = new UpdateFolder();
  private readonly roomOptions: RoomOptions;

  constructor(
    private readonly store: BoardStore,
    private readonly options: RoomManagerOptions,
  ) {
    this.roomOptions = { fold: (parts) => this.folder.fold(parts), ...options };
  }

  /** The loaded room for a board (its document built), loading it if needed. Rejects with board-not-found. */
  acquire(boardId: string): Promise<BoardRoom> {
    return this.entry(boardId).built;
  }

  /**
   * The board's room as soon as its stored bytes are read, its document possibly still being built
   * (`room.built`): for the sync adapter only, which answers a fresh joiner from those bytes meanwhile
   * and otherwise lets the room's queue wait for the build. Loads it if needed; rejects with board-not-found.
   */
  enter(boardId: string): Promise<BoardRoom> {
    return this.entry(boardId).opened;
  }

  private entry(boardId: string): RoomEntry {
    this.cancelIdle(boardId);
    const loaded = this.rooms.get(boardId);
    if (loaded) return loaded;
    const started = performance.now();
    const opened = BoardRoom.open(boardId, this.store, this.roomOptions);
    const built = opened.then(async (room) => {
      await room.built;
      return room;
    });
    const entry: RoomEntry = { opened, built, room: null };
    this.rooms.set(boardId, entry);
    opened.then((room) => (entry.room = room), () => undefined);
    // How long a cold board takes to load is what its first visitor waits for: worth a line in the log.
    built.then(
      (room) => this.options.log?.(`room ${boardId} loaded in ${Math.round(performance.now() - started)} ms${room.earlyAnswers > 0 ? `, ${room.earlyAnswers} fresh joiner(s) answered from the stored bytes meanwhile` : ""}`),
      () => undefined,
    );
    // A failed read or build: forgotten, so the next join reads the board again.
    built.catch(() => {
      if (this.rooms.get(boardId) === entry) this.rooms.delete(boardId);
    });
    return entry;
  }

  /**
   * Starts loading a board's room without holding it: a join loads it while deciding who is joining.
   * Unless a connection joins it (through acquire), it unloads once idle, like a room everyone left;
   * a board that does not exist is only forgotten. Does nothing to a room already loaded or loading.
   */
  preload(boardId: string): void {
    if (this.rooms.has(boardId)) return;
    this.acquire(boardId).then((room) => this.release(room), () => undefined);
  }

  /** A room only if it is already loaded (for updates relayed from other server processes). */
  async peek(boardId: string): Promise<BoardRoom | null> {
    const entry = this.rooms.get(boardId);
    return entry ? entry.built.catch(() => null) : null;
  }

  /** Call after a connection leaves; schedules the unload when the room is empty. */
  release(room: BoardRoom): void {
    if (room.connections.size > 0 || this.idleTimers.has(room.boardId)) return;
    const timer = setTimeout(() => void this.unload(room), this.options.idleUnloadMs);
    timer.unref?.();
    this.idleTimers.set(room.boardId, timer);
  }

  loadedBoardIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** Compacts and unloads every room, then stops the compaction worker (at shutdown). */
  async closeAll(): Promise<void> {
    const rooms = await Promise.all([...this.rooms.values()].map((entry) => entry.built.catch(() => null)));
    await Promise.all(rooms.map((room) => room && this.unload(room, true)));
    await this.folder.close();
  }

  private async unload(room: BoardRoom, force = false): Promise<void> {
    this.idleTimers.delete(room.boardId);
    if (room.connections.size > 0 && !force) return;
    // Only this room's entry: a room whose build failed was forgotten already, and the board may have been loaded again since.
    if (this.rooms.get(room.boardId)?.room === room) this.rooms.delete(room.boardId);
    await room.compact();
    await room.destroy();
    this.options.onUnload?.(room.boardId);
  }

  private cancelIdle(boardId: string): void {
    const timer = this.idleTimers.get(boardId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(boardId);
  }
}
