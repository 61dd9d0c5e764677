"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument } from "@/lib/board/argument";
import { subtreeIds } from "@/lib/board/tree";
import type { BoardSummary, SourceView } from "@/server/http/types";
import { useBoard } from "@/components/sync/useBoard";
import { ArticlePane, type FlashTarget } from "@/components/article/ArticlePane";
import { useNow } from "@/components/common/useNow";
import { NameDialog } from "@/components/identity/NameDialog";
import { sameName } from "@/components/identity/palette";
import { useIdentity } from "@/components/identity/useIdentity";
import { ArgumentBoard } from "./ArgumentBoard";
import { ArgumentEditor } from "./ArgumentEditor";
import { BoardUiContext, type BoardUi } from "./BoardUiContext";
import { ConfirmDelete } from "./ConfirmDelete";
import { ErrorToast } from "./ErrorToast";
import { FailedBanner } from "./FailedBanner";
import { NameClashNotice } from "./NameClashNotice";
import { PaneSwitcher, type PaneName } from "./PaneSwitcher";
import { TopBar } from "./TopBar";
import { useArgumentDraft } from "./useArgumentDraft";
import { useSaveDraft } from "./useSaveDraft";
import styles from "./BoardScreen.module.css";

/** How long a jumped-to passage or card stays flashed. */
const FLASH_MS = 2_000;

interface BoardScreenProps {
  summary: BoardSummary;
  source: SourceView;
}

/** The board screen: article on the left, the argument map on the right, everyone's edits live. */
export function BoardScreen({ summary, source }: BoardScreenProps) {
  const { identity, ready, saveName } = useIdentity();
  const [naming, setNaming] = useState(false);
  const [watching, setWatching] = useState(false);
  const afterNaming = useRef<(() => void) | null>(null);
  const drafts = useArgumentDraft();
  const { draft, startNew, startReply, startEdit, addQuote, close: closeDraft } = drafts;
  const editingId = draft?.target.kind === "edit" ? draft.target.argument.id : null;
  const presence = useMemo(() => (identity ? { user: identity, editing: editingId } : null), [identity, editingId]);
  const { board, status, pending, error, dismissError, peers, actions } = useBoard(summary.id, source.text, presence);
  const now = useNow();
  const [pane, setPane] = useState<PaneName>("article");
  const [flash, setFlash] = useState<FlashTarget | null>(null);
  const [flashedCardId, setFlashedCardId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Argument | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  useEffect(() => {
    if (ready && !identity && !watching) setNaming(true);
  }, [ready, identity, watching]);

  // Other people: another tab of this same person is not a name clash and not "someone editing".
  const others = useMemo(() => peers.filter((p) => !p.isSelf && p.user.id !== identity?.id), [peers, identity]);
  const takenBy = useCallback((name: string) => others.find((p) => sameName(p.user.name, name))?.user.name ?? null, [others]);
  const editorsById = useMemo(() => {
    const map = new Map<string, typeof others>();
    for (const peer of others) {
      if (!peer.editing) continue;
      const list = map.get(peer.editing) ?? [];
      if (!list.some((p) => p.user.id === peer.user.id)) list.push(peer);
      map.set(peer.editing, list);
    }
    return map;
  }, [others]);

  /** Runs `action` now, or after the person has picked a name (writing needs an author). */
  const withName = useCallback(
    (action: () => void) => {
      if (identity) return action();
      afterNaming.current = action;
      setNaming(true);
    },
    [identity],
  );

  const jumpToCard = useCallback((id: string) => {
    setPane("board");
    setFlashedCardId(id);
  }, []);
  useEffect(() => {
    if (!flashedCardId) return;
    const card = document.getElementById(`argument-${flashedCardId}`);
    card?.scrollIntoView({ block: "center", behavior: "smooth" });
    card?.focus({ preventScroll: true });
    const timer = setTimeout(() => setFlashedCardId(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashedCardId]);

  const showQuote = useCallback((quote: QuoteAnchor) => {
    setPane("article");
    setFlash({ start: quote.start, end: quote.end, nonce: Date.now() });
  }, []);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const firstPositionId = board?.positions[0]?.id;
  const cite = useCallback(
    (anchor: QuoteAnchor) =>
      withName(() => {
        if (addQuote(anchor)) return;
        if (!firstPositionId) return setLocalError("The board is still loading — try again in a moment.");
        startNew(firstPositionId, "for", anchor);
      }),
    [withName, addQuote, startNew, firstPositionId],
  );

  const save = useSaveDraft({ draft, identity, actions, drafts, onSaved: jumpToCard });

  const ui = useMemo<BoardUi>(
    () => ({
      now,
      editorsById,
      flashedCardId,
      editingId,
      reply: (parent, stance) => withName(() => startReply(parent, stance)),
      edit: (argument) => withName(() => startEdit(argument)),
      askDelete: setDeleting,
      showQuote,
      startNew: (positionId, stance) => withName(() => startNew(positionId, stance)),
    }),
    [now, editorsById, flashedCardId, editingId, withName, startReply, startEdit, startNew, showQuote],
  );

  // Someone else deleted what this screen is working on: close the stale dialog, warn the writer.
  const { fail: failDraft } = drafts;
  const anchorId = draft?.target.kind === "edit" ? draft.target.argument.id : draft?.target.kind === "reply" ? draft.target.parent.id : null;
  useEffect(() => {
    if (!board) return;
    const exists = (id: string) => board.arguments.some((a) => a.id === id);
    if (deleting && !exists(deleting.id)) setDeleting(null);
    if (anchorId && !exists(anchorId)) {
      failDraft(
        editingId
          ? "Someone just deleted this argument. Copy your text if you want to keep it."
          : "Someone just deleted the argument you are replying to. Copy your text if you want to keep it.",
      );
    }
  }, [board, deleting, anchorId, editingId, failDraft]);

  const confirmDelete = () => {
    if (!deleting) return;
    const result = actions.remove(deleting.id);
    if (!result.ok) setLocalError(result.error.message);
    else if (editingId && result.value.includes(editingId)) closeDraft();
    setDeleting(null);
  };

  const toast = localError ?? (status !== "failed" ? error?.message : null);
  const dismissToast = useCallback(() => {
    setLocalError(null);
    dismissError();
  }, [dismissError]);
  const clash = identity !== null && takenBy(identity.name) !== null;

  return (
    <BoardUiContext.Provider value={ui}>
      <div className={styles.screen}>
        <TopBar summary={summary} source={source} status={status} pending={pending} peers={peers} identity={identity} onChangeName={() => setNaming(true)} />
        {status === "failed" ? <FailedBanner error={error} /> : null}
        {clash && !naming ? <NameClashNotice name={identity.name} onChangeName={() => setNaming(true)} /> : null}
        <PaneSwitcher pane={pane} onChange={setPane} argumentCount={board?.arguments.length ?? 0} />
        <main className={styles.panes} data-pane={pane}>
          <div className={styles.articleSlot} id="pane-article">
            <ArticlePane
              source={source}
              positions={board?.positions ?? []}
              args={board?.arguments ?? []}
              draftQuotes={draft?.quotes ?? []}
              drafting={draft !== null}
              flash={flash}
              onCite={cite}
              onJumpToArgument={jumpToCard}
            />
          </div>
          <div className={styles.boardSlot} id="pane-board" aria-label="Arguments">
            <ArgumentBoard board={board} failed={status === "failed"} />
          </div>
        </main>
        {draft && board ? <ArgumentEditor draft={draft} positions={board.positions} controls={drafts} onSave={save} onShowQuote={showQuote} /> : null}
        <NameDialog
          open={naming}
          identity={identity}
          takenBy={takenBy}
          onSave={(name) => {
            saveName(name);
            setNaming(false);
            const next = afterNaming.current;
            afterNaming.current = null;
            next?.();
          }}
          onDismiss={() => {
            if (!identity) setWatching(true);
            afterNaming.current = null;
            setNaming(false);
          }}
        />
        <ConfirmDelete
          argument={deleting}
          replyCount={deleting && board ? subtreeIds(board.arguments, deleting.id).length - 1 : 0}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        />
        {toast ? <ErrorToast message={toast} onDismiss={dismissToast} /> : null}
      </div>
    </BoardUiContext.Provider>
  );
}
