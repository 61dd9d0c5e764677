import * as Y from "yjs";
import type { Argument } from "../board/argument";
import { readBoard, type BoardState } from "../board/doc";
import { excerpt, type ArgumentActivity } from "./diff";
import type { HistoryUpdate, VoteEvent } from "./history";
import { replayHistory } from "./replay";

/**
 * The review screen's activity feed: who added, edited, deleted, cited and rated what, and when.
 * Board events come from replaying the update log (./replay.ts diffs the arguments update by update);
 * ratings come from the vote events, which live in the database rather than the document.
 */
export type { ArgumentActivity, ArgumentActivityKind } from "./diff";

export interface VoteActivity {
  kind: "voted";
  at: number;
  memberId: string;
  argumentId: string;
  /** Excerpt of the rated argument's text as last seen on the board ("" if it never was). */
  summary: string;
  strength: number | null;
  quoteSupport: number | null;
}

export type ActivityEvent = ArgumentActivity | VoteActivity;

/** Vote events as feed entries; `known` maps argument ids to their last version (Replay#latest). */
export function voteActivity(votes: readonly VoteEvent[], known: ReadonlyMap<string, Argument>): VoteActivity[] {
  return votes.map((vote) => {
    const argument = known.get(vote.argumentId);
    return {
      kind: "voted",
      at: vote.at,
      memberId: vote.memberId,
      argumentId: vote.argumentId,
      summary: argument ? excerpt(argument.text) : "",
      strength: vote.strength,
      quoteSupport: vote.quoteSupport,
    };
  });
}

/**
 * Board events and ratings in one list, oldest first. The sort is stable and board events come first on
 * a tie, so an argument is always added before anyone rates it, and each list keeps its own order.
 */
export function mergeActivity(board: readonly ArgumentActivity[], votes: readonly VoteActivity[]): ActivityEvent[] {
  const tagged = [...board.map((e, i) => ({ e, rank: 0, i })), ...votes.map((e, i) => ({ e, rank: 1, i }))];
  tagged.sort((a, b) => a.e.at - b.e.at || a.rank - b.rank || a.i - b.i);
  return tagged.map((t) => t.e);
}

/** The whole feed for a history: replays the updates once and merges in the votes. */
export function buildActivity(updates: readonly HistoryUpdate[], votes: readonly VoteEvent[]): ActivityEvent[] {
  const replay = replayHistory(updates);
  return mergeActivity(replay.activity, voteActivity(votes, replay.latest));
}

/**
 * The board after every update with `at <= t`, rebuilt from scratch. This is the reference definition
 * of "the board at time t": simple and O(history) per call, for one-off questions (the server, tests).
 * The review screen instead replays once (replayHistory) and asks stateAtStep(replay, stepAt(replay, t)),
 * which gives the same board without touching Yjs again.
 */
export function boardAt(updates: readonly HistoryUpdate[], t: number): BoardState {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) if (update.at <= t) Y.applyUpdate(doc, update.data);
    });
    return readBoard(doc);
  } finally {
    doc.destroy();
  }
}
