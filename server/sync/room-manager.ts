import type { BoardStore } from "../persistence/board-store";
import { BoardRoom, type RoomOptions } from "./board-room";
import { UpdateFolder } from "./update-folder";

export interface RoomManagerOptions extends RoomOptions {
  /** How long a room with nobody in it stays loaded before it is compacted and unloaded. */
  idleUnloadMs: number;
  /** Called once a board's room is unloaded (what was kept for it may go too). */
  onUnload?: (boardId: string) => void;
}

/**
 * Keeps a board's room in memory while anyone is connected, loading it once however many people
 * join at the same moment, and unloading it (after a final compaction) once it has been idle.
 * Every room folds its log in the manager's one worker thread (unless `options.fold` says otherwise).
 */
export class RoomManager {
  private readonly rooms = new Map<string, Promise<BoardRoom>>();
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

  /** The loaded room for a board, loading it if needed. Rejects with board-not-found. */
  acquire(boardId: string): Promise<BoardRoom> {
    this.cancelIdle(boardId);
    let room = this.rooms.get(boardId);
    if (!room) {
      const started = performance.now();
      room = BoardRoom.load(boardId, this.store, this.roomOptions);
      // How long a cold board takes to load is what its first visitor waits for: worth a line in the log.
      room.then(() => this.options.log?.(`room ${boardId} loaded in ${Math.round(performance.now() - started)} ms`), () => undefined);
      this.rooms.set(boardId, room);
      room.catch(() => this.rooms.delete(boardId));
    }
    return room;
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
    const room = this.rooms.get(boardId);
    return room ? room.catch(() => null) : null;
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
    const rooms = await Promise.all([...this.rooms.values()].map((r) => r.catch(() => null)));
    await Promise.all(rooms.map((room) => room && this.unload(room, true)));
    await this.folder.close();
  }

  private async unload(room: BoardRoom, force = false): Promise<void> {
    this.idleTimers.delete(room.boardId);
    if (room.connections.size > 0 && !force) return;
    this.rooms.delete(room.boardId);
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
