"use client";
import { memo, useCallback, useEffect, useMemo, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument } from "@/lib/board/argument";
import { subtreeIds } from "@/lib/board/tree";
import type { AwarenessState } from "@/lib/protocol/protocol";
import { teamOf } from "@/lib/session/session";
import type { BoardSummary, SourceView } from "@/lib/views/board-views";
import { useBoard } from "@/components/sync/useBoard";
import { ArticlePane, type FlashTarget } from "@/components/article/ArticlePane";
import { useNow } from "@/components/common/useNow";
import { NameDialog } from "@/components/identity/NameDialog";
import { sameName } from "@/components/identity/palette";
import { useIdentity } from "@/components/identity/useIdentity";
import { FacilitatorPanel } from "@/components/facilitator/FacilitatorPanel";
import { MapView } from "@/components/map/MapView";
import { argumentIdFromClick, revealSelectedArgument } from "@/components/map/selection-sync";
import { useBoardView } from "@/components/map/useBoardView";
import { ViewToggle } from "@/components/map/ViewToggle";
import { ArgumentBoard } from "./ArgumentBoard";
import { ArgumentEditor } from "./ArgumentEditor";
import { BoardHeader } from "./BoardHeader";
import { BoardUiContext, type BoardUi } from "./BoardUiContext";
import { ConfirmDelete } from "./ConfirmDelete";
import { ErrorToast } from "./ErrorToast";
import { FailedBanner } from "./FailedBanner";
import { JoinRequired } from "./JoinRequired";
import { MovesProvider } from "./moves/MovesContext";
import { NameClashNotice } from "./NameClashNotice";
import { PaneSwitcher, type PaneName } from "./PaneSwitcher";
import { scrollToArgument } from "./scroll-to-argument";
import { SkipLinks } from "./SkipLinks";
import { hasWork, useArgumentDraft } from "./useArgumentDraft";
import { useBoardAccess } from "./useBoardAccess";
import { BoardRulesContext } from "./useBoardRules";
import { useBoardSession } from "./useBoardSession";
import { useKeptDraft } from "./useKeptDraft";
import { mayLoseWork, useLeaveWarning } from "./useLeaveWarning";
import { useAuthor, usePresence } from "./usePresence";
import { useSaveDraft } from "./useSaveDraft";
import { DraftsPanel } from "@/components/drafts/DraftsPanel";
import { UndoContext, useUndo } from "@/components/undo/useUndo";
import { TeamDraftsContext, useTeamDrafts } from "@/components/drafts/useTeamDrafts";
import { PersonalDraftsContext, usePersonalDrafts } from "@/components/drafts/usePersonalDrafts";
import { PersonalDraftsPanel } from "@/components/drafts/PersonalDraftsPanel";
import { useVotesUi, VotesContext } from "@/components/votes/VotesContext";
import { useLiveRevision, useLiveSource } from "@/components/revisions/useLiveSource";
import { retiredByArgument, RetiredQuotesContext } from "@/components/revisions/RetiredQuotesNote";
import { CommentsContext, useCommentsUi } from "@/components/comments/useComments";
import styles from "./BoardScreen.module.css";

/** How long a jumped-to passage or card stays flashed. */
const FLASH_MS = 2_000;

/** Typing in the editor re-renders this screen; the article (every highlight) need not follow. */
const StableArticlePane = memo(ArticlePane);

interface BoardScreenProps {
  summary: BoardSummary;
  source: SourceView;
}

/** The board screen: article on the left, the argument map on the right, everyone's edits live. */
export function BoardScreen({ summary, source: initialSource }: BoardScreenProps) {
  const identityState = useIdentity();
  const { identity } = identityState;
  const access = useBoardAccess(summary, identityState);
  const { withName, selfId, displayName } = access;
  const drafts = useArgumentDraft();
  const { draft, startNew, startReply, startEdit, addQuote, close: closeDraft } = drafts;
  const editingId = draft?.target.kind === "edit" ? draft.target.argument.id : null;
  // Published once the board has synced (see usePresence), so it is set after useBoard answers.
  const [presence, setPresence] = useState<AwarenessState | null>(null);
  // Work survives a reload: the board and unsaved changes in IndexedDB, the editor's text in localStorage.
  const memberId = access.membership?.memberId ?? null;
  const epochMs = Date.parse(summary.createdAt);
  const keep = useMemo(() => (memberId ? { epochMs, personId: memberId } : null), [memberId, epochMs]);
  // A source revision switches the text live (components/revisions/useLiveSource.ts).
  const { source, follow: followSource } = useLiveSource(summary.id, initialSource, access.memberToken);
  const live = useBoard(summary.id, source.text, presence, { memberToken: access.memberToken, connect: access.connect, keep });
  const { board, status, error, dismissError, peers, actions, session, me, votes, drafts: draftsView, personalDrafts: personalView, command } = live;
  const revision = useLiveRevision(live.doc);
  useEffect(() => followSource(revision?.sha256), [followSource, revision?.sha256]);
  const retiredQuotes = useMemo(() => retiredByArgument(revision?.retired ?? []), [revision?.retired]);
  // The board has loaded (from this browser's copy or the server) once its positions are there.
  useKeptDraft(keep && { boardId: summary.id, ...keep }, drafts, board?.positions.length ? board.arguments : null);
  useLeaveWarning(mayLoseWork(live.pending, hasWork(draft)));
  const now = useNow();
  const [boardView, setBoardView] = useBoardView();
  const [pane, setPane] = useState<PaneName>(() => (boardView === "map" ? "map" : "article"));
  const [selectedArgumentId, selectArgument] = useState<string | null>(null);
  // The Map tab (narrow screens) and the Columns | Map toggle (laptops) both open the map, in the URL too.
  const showPane = useCallback((next: PaneName) => {
    if (next === "map") setBoardView("map");
    setPane(next);
  }, [setBoardView]);
  const changeView = useCallback((next: typeof boardView) => {
    setBoardView(next);
    setPane((current) => (next === "map" ? "map" : current === "map" ? "board" : current));
  }, [setBoardView]);
  const selectOnMap = useCallback((id: string) => {
    selectArgument(id);
    revealSelectedArgument(id);
  }, []);
  const [flash, setFlash] = useState<FlashTarget | null>(null);
  const [flashedCardId, setFlashedCardId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Argument | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  // Following the spotlight: switch to the Arguments tab (narrow screens), then scroll once the card is
  // laid out. The board is virtualised: a card far down is not in the page until scrolled to (scroll-to-argument.ts).
  const reveal = useCallback((id: string) => {
    if (!scrollToArgument(id, { focus: true, flash: true })) return false;
    setPane("board");
    return true;
  }, []);
  const view = useBoardSession({ access, live, board, reveal, onError: setLocalError });
  const { rules, role } = view;
  const wanted = usePresence({ selfId, displayName, color: access.color, role, session, status, editingId });
  useEffect(() => setPresence(wanted), [wanted]);
  const author = useAuthor(selfId, displayName, access.color, role, session);

  // Other people: another tab of this same person is not a name clash and not "someone editing".
  const others = useMemo(() => peers.filter((p) => !p.isSelf && p.user.id !== selfId), [peers, selfId]);
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

  const jumpToCard = useCallback((id: string) => {
    setPane("board");
    setFlashedCardId(id);
  }, []);
  useEffect(() => {
    if (!flashedCardId) return;
    scrollToArgument(flashedCardId, { focus: true });
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

  // Cite starts an argument on this person's side: their team's position, else the first one.
  // A selection across paragraphs arrives as one quote per paragraph.
  const myTeam = session ? teamOf(session, view.memberId) : null;
  const firstPositionId = myTeam?.positionId ?? board?.positions[0]?.id;
  const cite = useCallback(
    (anchors: QuoteAnchor[]) =>
      withName(() => {
        if (anchors.every((anchor) => addQuote(anchor))) return;
        if (!firstPositionId) return setLocalError("The board is still loading — try again in a moment.");
        startNew(firstPositionId, "for", anchors);
      }),
    [withName, addQuote, startNew, firstPositionId],
  );

  const votesUi = useVotesUi({ board, session, me, votes, command });
  const commentsUi = useCommentsUi({ doc: live.doc, board, rules, session, selfId, author, roster: live.roster, withName });
  const teamDrafts = useTeamDrafts({ board, source: source.text, session, me, view: draftsView, displayName, command, resume: drafts.resume, onError: setLocalError });
  // The editor's quotes and the team's saved private drafts' quotes: both are work not yet on the board.
  const teamDraftList = teamDrafts?.drafts;
  const editorQuotes = draft?.quotes;
  const draftQuotes = useMemo(
    () => [...(editorQuotes ?? []), ...(teamDraftList ?? []).filter((d) => d.id !== draft?.draftId).flatMap((d) => d.argument.quotes)],
    [editorQuotes, teamDraftList, draft?.draftId],
  );

  const personalDrafts = usePersonalDrafts({ board, source: source.text, session, me, view: personalView, pending: live.pending, displayName, command, resume: drafts.resume, onError: setLocalError });
  const saveDraft = useSaveDraft({ draft, identity: author, actions, drafts, onSaved: jumpToCard, teamDrafts, personalDrafts });
  // Locked, or the phase moved on, while this was being written: say so and keep the text.
  const { fail: failDraft } = drafts;
  const refusal = draft ? rules.refusalFor(draft) : null;
  const save = useCallback(() => (refusal ? failDraft(refusal) : saveDraft()), [refusal, failDraft, saveDraft]);

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
      selectedArgumentId,
      selectArgument,
    }),
    [now, editorsById, flashedCardId, editingId, withName, startReply, startEdit, startNew, showQuote, selectedArgumentId],
  );

  // Someone else deleted what this screen is working on: close the stale dialog, warn the writer.
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

  const undo = useUndo({ doc: live.doc, actor: { memberId: view.memberId, role, displayName }, source: source.text, onRefused: setLocalError });

  const toast = localError ?? (status !== "failed" ? error?.message : null);
  const dismissToast = useCallback(() => {
    setLocalError(null);
    dismissError();
  }, [dismissError]);
  const clash = displayName !== null && takenBy(displayName) !== null;
  // Cite starts a top-level argument unless a draft is open to take the quote.
  const mayCite = rules.canWrite && (draft !== null || rules.canAddTopLevel);
  const naming = access.dialog.open;

  if (access.joinRequired) {
    return <JoinRequired title={summary.title} message={access.joinRequired} initialName={displayName ?? ""} onJoin={access.joinWithCode} />;
  }

  return (
    <BoardUiContext.Provider value={ui}>
      <RetiredQuotesContext.Provider value={retiredQuotes}>
      <BoardRulesContext.Provider value={rules}>
      <VotesContext.Provider value={votesUi}>
      <TeamDraftsContext.Provider value={teamDrafts}>
      <UndoContext.Provider value={undo}>
      <PersonalDraftsContext.Provider value={personalDrafts}>
      <CommentsContext.Provider value={commentsUi}>
      <div className={styles.screen}>
        <SkipLinks onShow={setPane} />
        <BoardHeader summary={summary} source={source} live={live} access={access} view={view} />
        {status === "failed" ? <FailedBanner error={error} /> : null}
        {clash && !naming ? <NameClashNotice name={displayName} onChangeName={access.changeName} /> : null}
        <ViewToggle view={boardView} onChange={changeView} />
        <PaneSwitcher pane={pane} onChange={showPane} argumentCount={board?.arguments.length ?? 0} draftCount={teamDrafts?.drafts.length ?? 0} />
        <main className={styles.panes} data-pane={pane} data-view={boardView} data-drawer={view.facilitating ? "open" : undefined}>
          <div className={styles.articleSlot} id="pane-article" onClick={(event) => selectArgument((id) => argumentIdFromClick(event.target) ?? id)}>
            <StableArticlePane
              source={source}
              positions={board?.positions ?? []}
              args={board?.arguments ?? []}
              draftQuotes={draftQuotes}
              drafting={draft !== null}
              flash={flash}
              onCite={mayCite ? cite : undefined}
              onJumpToArgument={jumpToCard}
              selectedArgumentId={selectedArgumentId}
            />
          </div>
          <div className={styles.boardSlot} id="pane-board" role="region" aria-label="Arguments" tabIndex={-1} onClick={(event) => selectArgument((id) => argumentIdFromClick(event.target) ?? id)}>
            <DraftsPanel onJump={jumpToCard} />
            <PersonalDraftsPanel />
            <MovesProvider board={board} actions={actions} selfId={selfId} onError={setLocalError}>
              <ArgumentBoard board={board} failed={status === "failed"} selfId={selfId} />
            </MovesProvider>
          </div>
          {boardView === "map" ? (
            <div className={styles.mapSlot} id="pane-map" role="region" aria-label="Argument map">
              <MapView positions={board?.positions ?? []} args={board?.arguments ?? []} selectedId={selectedArgumentId} onSelect={selectOnMap} />
            </div>
          ) : null}
          {view.facilitating && session ? (
            <FacilitatorPanel
              boardId={summary.id}
              title={summary.title}
              deletable={summary.accessMode === "managed"}
              selfId={access.membership?.memberId ?? null}
              joinCode={summary.joinCode}
              memberToken={access.memberToken}
              session={session}
              positions={board?.positions ?? []}
              args={board?.arguments ?? []}
              roster={live.roster}
              peers={peers}
              command={command}
              onClose={() => view.setFacilitating(false)}
            />
          ) : null}
        </main>
        {draft && board ? <ArgumentEditor draft={draft} positions={board.positions} controls={drafts} onSave={save} onShowQuote={showQuote} source={source.text} /> : null}
        <NameDialog
          open={naming}
          identity={identity}
          takenBy={takenBy}
          initialName={access.dialog.initialName}
          copy={access.dialog.copy}
          onSave={access.dialog.onSave}
          onDismiss={access.dialog.onDismiss}
        />
        <ConfirmDelete
          argument={deleting}
          replyCount={deleting && board ? subtreeIds(board.arguments, deleting.id).length - 1 : 0}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        />
        {toast ? <ErrorToast message={toast} onDismiss={dismissToast} /> : null}
      </div>
      </CommentsContext.Provider>
      </PersonalDraftsContext.Provider>
      </UndoContext.Provider>
      </TeamDraftsContext.Provider>
      </VotesContext.Provider>
      </BoardRulesContext.Provider>
      </RetiredQuotesContext.Provider>
    </BoardUiContext.Provider>
  );
}
