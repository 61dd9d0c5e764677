"use client";
import { elapsed, fullTime } from "./format";
import { SLIDER_STEP_MS, type Timeline } from "./useTimeline";
import styles from "./Timeline.module.css";

/**
 * The replay's transport: play/pause, previous/next moment, and a slider over the session's time span
 * with the moment shown written out. The slider moves in whole seconds; the step buttons and the feed
 * land on exact event times.
 */
export function TimelineControls({ timeline, eventCount }: { timeline: Timeline; eventCount: number }) {
  const { start, end, t, stops, playing } = timeline;
  const passed = stops.filter((s) => s <= t).length;
  return (
    <section className={styles.timeline} aria-label="Session timeline">
      <div className={styles.transport}>
        <button type="button" className="btn btn-sm btn-icon" onClick={() => timeline.step(-1)} disabled={t <= start} aria-label="Previous moment" title="Previous moment">
          ‹
        </button>
        <button type="button" className="btn btn-sm btn-primary" onClick={timeline.togglePlay} disabled={stops.length === 0} aria-pressed={playing} data-testid="review-play">
          {playing ? "Pause" : "Play"}
        </button>
        <button type="button" className="btn btn-sm btn-icon" onClick={() => timeline.step(1)} disabled={t >= end} aria-label="Next moment" title="Next moment">
          ›
        </button>
      </div>
      <input
        type="range"
        className={styles.slider}
        min={start}
        max={end}
        step={SLIDER_STEP_MS}
        value={t}
        onChange={(event) => timeline.seek(Number(event.target.value))}
        aria-label="Moment of the session to show"
        aria-valuetext={fullTime(t)}
        data-testid="review-slider"
      />
      <p className={styles.time} aria-live="polite">
        <time dateTime={new Date(t).toISOString()} data-testid="review-time">
          {fullTime(t)}
        </time>
        <span className={styles.timeMeta}>
          {elapsed(start, t)} · {passed} of {eventCount} moments
        </span>
      </p>
    </section>
  );
}
