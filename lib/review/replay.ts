import * as Y from "yjs";
import { ArgumentSchema, type Argument } from "../board/argument";
import { BOARD_SCHEMA_VERSION } from "../board/constants";
import { argumentsMap, metaMap, positionsMap, readMeta, readPositions, recordToJSON, type BoardMeta, type BoardState } from "../board/doc";
import type { Position } from "../board/position";
import { diffArguments, type ArgumentActivity, type StepInfo } from "./diff";
import { commentsMap, parseCommentRecord, type Comment } from "../board/comments";
import { diffComment } from "./comment-activity";
import { patchVisible, visibleArguments } from "./visibility";
import type { HistoryUpdate } from "./history";

/**
 * The session replay, computed once per history.
 *
 * Design: the updates are applied one by one to a single Y.Doc, once. After each update only the
 * argument records it touched are re-read (an observeDeep listener names them) and, in the common case,
 * only they are compared (./visibility.ts), so the work per update is proportional to what it changed,
 * not to the board's size. Instead of a full BoardState
 * per update ("frames", quadratic in memory), the replay keeps every *version* of every argument with
 * the range of steps it was visible in; the board at any step is the versions alive at that step.
 * Moving the slider is therefore a filter over the versions — no Yjs, no re-parsing — which is cheap
 * enough to do on every input event.
 */

/** One version of an argument, visible from step `from` until (not including) step `until`. */
export interface ArgumentVersion {
  argument: Argument;
  from: number;
  until: number | null;
}

interface Layout {
  from: number;
  meta: BoardMeta;
  positions: Position[];
}

export interface Replay {
  /** One per update, in order. `at` never decreases (see replayHistory). */
  steps: StepInfo[];
  /** Sorted as readArguments sorts (createdAt, then id), so a filter keeps the board's order. */
  versions: ArgumentVersion[];
  /** Meta and positions, recorded whenever an update changed them (in practice: the first update). */
  layouts: Layout[];
  /** What each update did to the arguments, oldest first. */
  activity: ArgumentActivity[];
  /** Each argument's last visible version, deleted ones included: what a vote or a feed entry refers to. */
  latest: Map<string, Argument>;
}

const EMPTY_META: BoardMeta = { schemaVersion: BOARD_SCHEMA_VERSION, title: "", sourceSha256: "" };

/** Replays a board's history (oldest first). Pure: the working document is created and destroyed here. */
export function replayHistory(updates: readonly HistoryUpdate[]): Replay {
  const doc = new Y.Doc();
  // Give the roots their real types before any update arrives; otherwise the first update creates
  // generic types that getMap later replaces, and the listeners below would watch the wrong objects.
  const args = argumentsMap(doc);
  let touched = new Set<string>();
  let layoutChanged = false;
  args.observeDeep((events) => {
    for (const e of events) {
      if (e.target === args) for (const key of e.keys.keys()) touched.add(key);
      else touched.add(String(e.path[0]));
    }
  });
  const comments = commentsMap(doc);
  let touchedComments = new Set<string>();
  comments.observeDeep((events) => {
    for (const e of events) {
      if (e.target === comments) for (const key of e.keys.keys()) touchedComments.add(key);
      else touchedComments.add(String(e.path[0]));
    }
  });
  const commentRecords = new Map<string, Comment>();
  positionsMap(doc).observeDeep(() => (layoutChanged = true));
  metaMap(doc).observeDeep(() => (layoutChanged = true));

  const replay: Replay = { steps: [], versions: [], layouts: [], activity: [], latest: new Map() };
  const records = new Map<string, Argument>();
  const open = new Map<string, ArgumentVersion>();
  let positionIds = new Set<string>();
  let visible = new Map<string, Argument>();

  for (const [index, update] of updates.entries()) {
    touched = new Set();
    touchedComments = new Set();
    layoutChanged = false;
    Y.applyUpdate(doc, update.data);
    // The server's clock can step back a little (a restart, another server instance); clamping keeps
    // the timeline monotone, which the slider's binary search relies on.
    const step: StepInfo = { seq: update.seq, at: Math.max(update.at, replay.steps.at(-1)?.at ?? -Infinity), memberId: update.memberId };
    replay.steps.push(step);
    if (layoutChanged) {
      const positions = readPositions(doc);
      replay.layouts.push({ from: index, meta: readMeta(doc), positions });
      positionIds = new Set(positions.map((p) => p.id));
    }
    // Comment events follow the argument events of the same update, so a comment can name an argument made with it.
    const pushCommentEvents = () => {
      for (const id of touchedComments) {
        const before = commentRecords.get(id) ?? null;
        const after = parseCommentRecord(id, comments.get(id));
        if (after) commentRecords.set(id, after);
        else commentRecords.delete(id);
        const event = diffComment(before, after, replay.latest.get((after ?? before)?.argumentId ?? ""), step);
        if (event) replay.activity.push(event);
      }
    };
    if (touched.size === 0 && !layoutChanged) {
      pushCommentEvents();
      continue;
    }
    for (const id of touched) {
      const parsed = ArgumentSchema.safeParse(recordToJSON(args.get(id)));
      if (parsed.success && parsed.data.id === id) records.set(id, parsed.data);
      else records.delete(id);
    }
    // Usually only the touched arguments change (patchVisible); otherwise compare the whole board.
    const patched = layoutChanged ? null : patchVisible(visible, records, touched, positionIds);
    const before = patched?.before ?? visible;
    const after = patched?.after ?? visibleArguments(records, positionIds);
    replay.activity.push(...diffArguments(before, after, step));
    const compared = patched ? touched : new Set([...visible.keys(), ...after.keys()]);
    for (const id of compared) {
      const argument = after.get(id);
      const current = open.get(id);
      if (current?.argument === argument) continue;
      if (current) {
        current.until = index;
        open.delete(id);
      }
      if (!argument) continue;
      const version: ArgumentVersion = { argument, from: index, until: null };
      replay.versions.push(version);
      open.set(id, version);
      replay.latest.set(id, argument);
    }
    if (!patched) visible = after;
    pushCommentEvents();
  }
  doc.destroy();
  replay.versions.sort((a, b) => a.argument.createdAt - b.argument.createdAt || a.argument.id.localeCompare(b.argument.id) || a.from - b.from);
  return replay;
}

/** Index of the last step at or before time `t`; -1 before the first update. Binary search. */
export function stepAt(replay: Replay, t: number): number {
  let low = 0;
  let high = replay.steps.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (replay.steps[mid].at <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The board as it was right after step `index` (-1: before anything). Linear in the number of versions. */
export function stateAtStep(replay: Replay, index: number): BoardState {
  const layout = replay.layouts.findLast((l) => l.from <= index);
  return {
    meta: layout?.meta ?? EMPTY_META,
    positions: layout?.positions ?? [],
    arguments: replay.versions.filter((v) => v.from <= index && (v.until === null || index < v.until)).map((v) => v.argument),
  };
}
