"use client";
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

/** Who did what and when, oldest first; choosing an entry moves the replay to its moment. */
export function ActivityFeed({ activity, describe, t, follow, onSelect }: ActivityFeedProps) {
  const list = useRef<HTMLOListElement>(null);
  const passed = activity.filter((e) => e.at <= t).length;

  useEffect(() => {
    if (!follow || passed === 0) return;
    list.current?.children[passed - 1]?.scrollIntoView({ block: "nearest" });
  }, [follow, passed]);

  return (
    <section className={styles.feed} aria-labelledby="activity-title">
      <h2 id="activity-title" className={shared.sectionTitle}>
        Activity
      </h2>
      {activity.length === 0 ? <p className={shared.empty}>Nobody has added, changed or rated anything on this board yet.</p> : null}
      <ol ref={list} className={styles.feedList} data-testid="activity-feed">
        {activity.map((event, index) => (
          <li key={index} data-testid="activity-entry" data-kind={event.kind} data-future={event.at > t || undefined}>
            <button type="button" className={styles.entry} onClick={() => onSelect(event.at)} title={`Show the board at ${fullTime(event.at)}`}>
              <time className={styles.entryTime} dateTime={new Date(event.at).toISOString()}>
                {clockTime(event.at)}
              </time>
              <span>{describeActivity(event, describe)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
