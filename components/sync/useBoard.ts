"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import type { BoardState } from "@/lib/board/doc";
import { createBoardReader } from "@/lib/board/board-reader";
import { addArgument, deleteArgument, updateArgument, type ArgumentPatch, type NewArgument } from "@/lib/board/operations";
import { moveArgument, reorderArgument, type MoveTarget } from "@/lib/board/move";
import type { ModelResult } from "@/lib/board/validate";
import type { Argument } from "@/lib/board/argument";
import type { ErrorPayload } from "@/lib/errors/errors";
import { AwarenessStateSchema, type AwarenessState } from "@/lib/protocol/protocol";
import type { Role } from "@/lib/board/roles";
import type { Command } from "@/lib/session/commands";
import { readSession, type SessionState } from "@/lib/session/session";
import type { CommandAck, PersonalDraftsView } from "@/lib/protocol/protocol";
import { BoardClient, type ConnectionStatus, type DraftsView, type RosterView, type VotesView } from "./board-client";
import { IndexedDbCopy } from "./indexeddb-copy";
import { localCopyFailedNotice, localCopyName } from "./saved-work";

export interface Peer extends AwarenessState {
  /** Yjs client id: one per open tab. */
  clientId: number;
  isSelf: boolean;
}

export interface BoardActions {
  add(input: NewArgument): ModelResult<Argument>;
  update(id: string, patch: ArgumentPatch): ModelResult<Argument>;
  remove(id: string): ModelResult<string[]>;
  /** Moves an argument to another parent or place (lib/board/move.ts). */
  move(id: string, target: MoveTarget): ModelResult<Argument>;
  /** One place up (-1) or down (+1) among its siblings. */
  reorder(id: string, step: -1 | 1): ModelResult<Argument>;
}

export interface UseBoardResult {
  board: BoardState | null;
  /** The live document (null until connected; replaced after a refused change): for this person's undo history and for parts of the board read and written outside `board` and `actions` (comments, source revision). */
  doc: Y.Doc | null;
  status: ConnectionStatus;
  /** Local edits the server has not yet confirmed as saved. */
  pending: number;
  /** Some of them came back "not saved" (the database is down) and are being resent. */
  retrying: boolean;
  /** The latest error from the server; cleared by `dismissError`. */
  error: ErrorPayload | null;
  dismissError(): void;
  peers: Peer[];
  actions: BoardActions;
  /** The facilitator's session (phases, clock, teams, settings), live. */
  session: SessionState | null;
  /** Who the server takes this connection to be, once joined. */
  me: { role: Role; memberId: string | null } | null;
  votes: VotesView | null;
  drafts: DraftsView | null;
  /** Real names (facilitators only). */
  roster: RosterView | null;
  /** This member's personal drafts (components/drafts/usePersonalDrafts.ts). */
  personalDrafts: PersonalDraftsView | null;
  command(command: Command): Promise<CommandAck>;
  /** The server's clock, for the phase timer. */
  serverNow(): number;
}

export interface UseBoardOptions {
  /** The secret from joining the board (required on facilitated boards). */
  memberToken?: string;
  /** False until the page knows how to join (e.g. while asking for a name on a facilitated board). */
  connect?: boolean;
  /**
   * Keep the board and this person's unsaved changes in the browser across reloads: the board's
   * creation time (a recreated board starts afresh) and who is writing. Null: memory only.
   */
  keep?: { epochMs: number; personId: string } | null;
}

/**
 * Connects to a board and keeps a React view of it. `presence` is published through awareness;
 * pass null until the person has chosen a display name.
 */
export function useBoard(boardId: string, sourceText: string, presence: AwarenessState | null, options: UseBoardOptions = {}): UseBoardResult {
  const { memberToken, connect = true, keep = null } = options;
  const copyName = keep ? localCopyName(boardId, keep.epochMs, keep.personId) : null;
  const epochMs = keep?.epochMs ?? 0;
  const [client, setClient] = useState<BoardClient | null>(null);
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const [board, setBoard] = useState<BoardState | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [pending, setPending] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [session, setSession] = useState<SessionState | null>(null);
  const [me, setMe] = useState<UseBoardResult["me"]>(null);
  const [votes, setVotes] = useState<VotesView | null>(null);
  const [drafts, setDrafts] = useState<DraftsView | null>(null);
  const [roster, setRoster] = useState<RosterView | null>(null);
  const [personalDrafts, setPersonalDrafts] = useState<PersonalDraftsView | null>(null);
  // Which connection the state above describes: after a switch (joining swaps the guest connection
  // for the member's) the old "live" must not show while the new one is still connecting.
  const key = connect ? `${boardId}\n${memberToken ?? ""}` : null;
  const [stateKey, setStateKey] = useState<string | null>(null);
  const current = stateKey === key;

  useEffect(() => {
    if (!connect) return;
    const localCopy = copyName ? new IndexedDbCopy(copyName, { boardId, epochMs }, (failure) => setError(localCopyFailedNotice(failure))) : undefined;
    const next = new BoardClient(boardId, { memberToken, localCopy });
    setClient(next);
    setDoc(next.doc);
    setStatus(next.status);
    setPending(next.pending);
    setRetrying(next.retrying);
    setMe(null);
    setStateKey(`${boardId}\n${memberToken ?? ""}`);
    const offs = [
      next.on("status", setStatus),
      next.on("pending", setPending),
      next.on("retrying", setRetrying),
      next.on("error", setError),
      next.on("reset", setDoc),
      next.on("joined", setMe),
      next.on("votes", setVotes),
      next.on("drafts", setDrafts),
      next.on("roster", setRoster),
      next.on("personalDrafts", setPersonalDrafts),
    ];
    return () => {
      offs.forEach((off) => off());
      next.destroy();
    };
  }, [boardId, memberToken, connect, copyName, epochMs]);

  // Re-read the board on every change to the current document.
  useEffect(() => {
    if (!doc) return;
    // Incremental: a change re-reads the arguments it touched, not the whole board (board-reader.ts).
    const reader = createBoardReader(doc);
    const refresh = () => {
      setBoard(reader.read());
      setSession(readSession(doc));
    };
    refresh();
    doc.on("update", refresh);
    return () => {
      doc.off("update", refresh);
      reader.destroy();
    };
  }, [doc]);

  useEffect(() => {
    if (!client || !doc) return;
    const awareness = client.awareness;
    const refresh = () => setPeers(readPeers(awareness.getStates(), doc.clientID));
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [client, doc]);

  useEffect(() => {
    if (client && presence) client.setPresence(presence);
  }, [client, doc, presence]);

  const add = useCallback((input: NewArgument) => (doc ? addArgument(doc, sourceText, input) : notReady<Argument>()), [doc, sourceText]);
  const update = useCallback(
    (id: string, patch: ArgumentPatch) => (doc ? updateArgument(doc, sourceText, id, patch) : notReady<Argument>()),
    [doc, sourceText],
  );
  const remove = useCallback((id: string) => (doc ? deleteArgument(doc, id) : notReady<string[]>()), [doc]);
  const move = useCallback((id: string, target: MoveTarget) => (doc ? moveArgument(doc, sourceText, id, target) : notReady<Argument>()), [doc, sourceText]);
  const reorder = useCallback((id: string, step: -1 | 1) => (doc ? reorderArgument(doc, sourceText, id, step) : notReady<Argument>()), [doc, sourceText]);
  const actions = useMemo(() => ({ add, update, remove, move, reorder }), [add, update, remove, move, reorder]);
  const dismissError = useCallback(() => setError(null), []);
  const command = useCallback(
    (cmd: Command): Promise<CommandAck> =>
      client ? client.command(cmd) : Promise.resolve({ ok: false, code: "internal", message: "The board is still loading.", retry: true }),
    [client],
  );
  const serverNow = useCallback(() => (client ? client.serverNow() : Date.now()), [client]);

  return {
    board,
    doc,
    status: current ? status : "connecting",
    pending,
    retrying,
    error,
    dismissError,
    peers,
    actions,
    session,
    me: current ? me : null,
    votes,
    drafts,
    roster,
    personalDrafts,
    command,
    serverNow,
  };
}

function readPeers(states: Map<number, Record<string, unknown>>, selfId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    const parsed = AwarenessStateSchema.safeParse(state);
    if (parsed.success) peers.push({ ...parsed.data, clientId, isSelf: clientId === selfId });
  }
  return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name));
}

function notReady<T>(): ModelResult<T> {
  return { ok: false, error: { code: "argument-not-found", message: "The board is still loading." } };
}
