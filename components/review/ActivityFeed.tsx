"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { ActivityEvent } from "@/lib/review/activity";
import { describeActivity, type DescribeContext } from "@/lib/review/describe";
import { clockTime, fullTime } from "./format";
import styles from "./ActivityFeed.module.css";
import shared from "./Review.module.css";

interface ActivityFeedProps {
  activity: readonly ActivityEvent[];
  describe: DescribeContext;
  /** The slider's moment: later entries are dimmed. */
  t: number;
  /** Keep the latest passed entry in view (during playback). */
  follow: boolean;
  onSelect(at: number): void;
}

/** A one-line entry's height before it is measured; long descriptions wrap and are measured. */
const ESTIMATED_ROW_PX = 32;
/** Rows rendered beyond each edge of the visible window, so a fast scroll does not flash blanks. */
const OVERSCAN = 8;

/**
 * Who did what and when, oldest first; choosing an entry moves the replay to its moment. A lesson
 * has hundreds or thousands of entries, so the list scrolls in its own box of fixed height and only
 * the rows in view (plus a margin) are in the page.
 */
export function ActivityFeed({ activity, describe, t, follow, onSelect }: ActivityFeedProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const passed = activity.filter((e) => e.at <= t).length;
  const virtualizer = useVirtualizer({
    count: activity.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
  });

  useEffect(() => {
    if (!follow || passed === 0) return;
    virtualizer.scrollToIndex(passed - 1, { align: "auto" });
  }, [follow, passed, virtualizer]);

  return (
    <section className={styles.feed} aria-labelledby="activity-title">
      <h2 id="activity-title" className={shared.sectionTitle}>
        Activity <span className={styles.count}>{activity.length}</span>
      </h2>
      {activity.length === 0 ? <p className={shared.empty}>Nobody has added, changed or rated anything on this board yet.</p> : null}
      <div ref={scroller} className={styles.scroller} data-testid="activity-feed" data-count={activity.length} tabIndex={0} aria-label="Activity entries, oldest first">
        <ol className={styles.feedList} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const event = activity[row.index];
            return (
              <li
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                className={styles.row}
                style={{ transform: `translateY(${row.start}px)` }}
                aria-posinset={row.index + 1}
                aria-setsize={activity.length}
                data-testid="activity-entry"
                data-kind={event.kind}
                data-future={event.at > t || undefined}
              >
                <button type="button" className={styles.entry} onClick={() => onSelect(event.at)} title={`Show the board at ${fullTime(event.at)}`}>
                  <time className={styles.entryTime} dateTime={new Date(event.at).toISOString()}>
                    {clockTime(event.at)}
                  </time>
                  <span>{describeActivity(event, describe)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
