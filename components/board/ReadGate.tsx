"use client";
import { useCallback, useEffect, useState } from "react";
import type { BoardReadView } from "@/lib/views/board-views";
import { NotFoundCard } from "@/components/common/NotFoundCard";
import { useIdentity } from "@/components/identity/useIdentity";
import { readPending } from "@/components/identity/useJoinLink";
import { membershipKey, readMembership, useMembership } from "@/components/identity/useMembership";
import { PROJECTOR_HELP, projectorKey } from "@/components/projector/useProjectorAccess";
import { ProjectorScreen } from "@/components/projector/ProjectorScreen";
import { ReviewScreen } from "@/components/review/ReviewScreen";
import { BoardScreen } from "./BoardScreen";
import { JoinRequired } from "./JoinRequired";
import styles from "./JoinRequired.module.css";

/** Which page of the board this browser asked for. */
export type GatedView = "board" | "projector" | "review";

type GateState =
  | { status: "loading" }
  | { status: "ready"; view: BoardReadView }
  | { status: "refused"; message: string }
  | { status: "missing" }
  | { status: "error"; message: string };

/** What this browser can show the server: its stored membership, and the link it was opened with. */
function credentialsHere(boardId: string, view: GatedView): URLSearchParams {
  const keys = view === "projector" ? [membershipKey(boardId), projectorKey(boardId)] : [membershipKey(boardId)];
  const url = new URL(window.location.href);
  const pending = readPending(boardId);
  const query = new URLSearchParams({ include: "source" });
  const invite = url.searchParams.get("invite") ?? pending.invite;
  const code = url.searchParams.get("code") ?? pending.joinCode;
  if (invite) query.set("invite", invite);
  if (code) query.set("code", code);
  const token = keys.map(readMembership).find(Boolean)?.memberToken;
  if (token) query.set("token", token);
  return query;
}

async function fetchBoardView(boardId: string, view: GatedView, signal: AbortSignal): Promise<GateState> {
  const query = credentialsHere(boardId, view);
  const token = query.get("token");
  query.delete("token");
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: "no-store",
      signal,
    });
    const body = (await response.json().catch(() => null)) as (BoardReadView & { message?: string }) | null;
    if (response.ok && body?.board && (view !== "board" || body.source)) return { status: "ready", view: body };
    if (response.status === 404) return { status: "missing" };
    if (response.status === 403) return { status: "refused", message: body?.message ?? "This board is facilitated." };
    return { status: "error", message: body?.message ?? `The board could not be loaded (HTTP ${response.status}).` };
  } catch {
    return { status: "error", message: "Could not reach Parley. Check your connection and reload." };
  }
}

/**
 * A managed board's pages render nothing of it on the server, where nobody's credentials are known:
 * this asks GET /api/boards/:id with the browser's own, then shows the page, the way in (the code),
 * or nothing at all.
 */
export function ReadGate({ boardId, view }: { boardId: string; view: GatedView }) {
  const [state, setState] = useState<GateState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const { identity, saveName } = useIdentity();
  const { join } = useMembership(boardId);

  useEffect(() => {
    const controller = new AbortController();
    void fetchBoardView(boardId, view, controller.signal).then((next) => {
      if (!controller.signal.aborted) setState(next);
    });
    return () => controller.abort();
  }, [boardId, view, attempt]);

  const joinWithCode = useCallback(
    async (joinCode: string, name: string): Promise<string | null> => {
      const result = await join(name, { joinCode });
      if (!result.ok) return result.message;
      saveName(name);
      setAttempt((n) => n + 1);
      return null;
    },
    [join, saveName],
  );

  if (state.status === "ready" && state.view.source && view === "board") return <BoardScreen summary={state.view.board} source={state.view.source} />;
  if (state.status === "ready" && view === "projector") return <ProjectorScreen summary={state.view.board} source={state.view.source} />;
  if (state.status === "ready" && view === "review") return <ReviewScreen board={state.view.board} />;
  if (state.status === "missing") return <NotFoundCard title="Board not found" />;
  if (state.status === "refused" && view === "board") {
    return <JoinRequired title="A facilitated board" message={state.message} initialName={identity?.name ?? ""} onJoin={joinWithCode} />;
  }
  const message =
    state.status === "refused" ? (view === "projector" ? `${state.message} ${PROJECTOR_HELP}` : state.message) : state.status === "error" ? state.message : null;
  return (
    <main className={styles.page} data-testid="board-gate" data-state={state.status} aria-busy={state.status === "loading"}>
      <div className={styles.card}>
        <p className={styles.kicker}>Facilitated board</p>
        <p role={message ? "alert" : "status"}>{message ?? "Opening the board…"}</p>
      </div>
    </main>
  );
}
