"use client";
import { useEffect, useMemo, useState } from "react";
import type { ErrorPayload } from "@/lib/errors/errors";
import { mergeActivity, voteActivity, type ActivityEvent } from "@/lib/review/activity";
import { summarizeContributions, type ContributionRow } from "@/lib/review/contributions";
import { describeContext, type DescribeContext } from "@/lib/review/describe";
import { decodeHistory, type ReviewHistory } from "@/lib/review/history";
import { replayHistory, stateAtStep, type Replay } from "@/lib/review/replay";
import { membershipKey, readMembership } from "@/components/identity/useMembership";

/** Everything the review screen shows, computed once when the history arrives. */
export interface ReviewData {
  history: ReviewHistory;
  replay: Replay;
  activity: ActivityEvent[];
  rows: ContributionRow[];
  describe: DescribeContext;
  /** The facilitator's member token, for the CSV download. */
  token: string;
}

export type ReviewLoad =
  | { status: "checking" }
  | { status: "forbidden" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; data: ReviewData };

/** Before the replay: the same states, with the raw history in place of the analysed data. */
type FetchState = Exclude<ReviewLoad, { status: "ready" }> | { status: "fetched"; history: ReviewHistory; token: string };

/**
 * Reads this browser's membership, fetches the history if it is a facilitator's, and replays it once.
 */
export function useReviewSession(boardId: string): ReviewLoad {
  const [load, setLoad] = useState<FetchState>({ status: "checking" });

  useEffect(() => {
    // Written by the join flow; the role there only decides whether to ask — the server decides whether to answer.
    const membership = readMembership(membershipKey(boardId));
    if (!membership || membership.role !== "facilitator") return setLoad({ status: "forbidden" });
    const controller = new AbortController();
    setLoad({ status: "loading" });
    fetch(`/api/boards/${encodeURIComponent(boardId)}/history`, {
      headers: { authorization: `Bearer ${membership.memberToken}` },
      cache: "no-store",
      signal: controller.signal,
    })
      .then(async (response) => {
        if (response.status === 403) return setLoad({ status: "forbidden" });
        const body: unknown = await response.json().catch(() => null);
        if (!response.ok) throw new Error((body as ErrorPayload | null)?.message ?? `Loading the session failed (HTTP ${response.status}).`);
        setLoad({ status: "fetched", history: decodeHistory(body), token: membership.memberToken });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [boardId]);

  const data = useMemo(() => (load.status === "fetched" ? analyse(load.history, load.token) : null), [load]);
  if (load.status !== "fetched") return load;
  return data ? { status: "ready", data } : { status: "loading" };
}

/** One replay of the whole history feeds the slider, the feed and the table alike. */
function analyse(history: ReviewHistory, token: string): ReviewData {
  const replay = replayHistory(history.updates);
  const finalState = stateAtStep(replay, replay.steps.length - 1);
  const activity = mergeActivity(replay.activity, voteActivity(history.votes, replay.latest));
  return {
    history,
    replay,
    activity,
    rows: summarizeContributions({ state: finalState, activity, members: history.members }),
    describe: describeContext(history.members, finalState.positions, replay.latest),
    token,
  };
}
