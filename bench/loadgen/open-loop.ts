/**
 * Open-loop sending: each edit goes out at its scheduled time whatever happened to earlier ones, and
 * keeps its scheduled time as its stamp. A sender that falls behind (a busy event loop) sends the
 * overdue edits at once instead of pushing the schedule back, so the delay shows in the latencies
 * instead of being hidden (coordinated omission).
 */
import { nowEpoch } from "../stats";

interface ScheduledEdit {
  at: number;
}

/** Sends every edit at or after its `at` (epoch ms); resolves with how many went out over 10 ms late. */
export function runOpenLoop<T extends ScheduledEdit>(edits: readonly T[], send: (edit: T) => void): Promise<number> {
  const queue = [...edits].sort((a, b) => a.at - b.at);
  let next = 0;
  let late = 0;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        const now = nowEpoch();
        while (next < queue.length && queue[next].at <= now) {
          if (now - queue[next].at > 10) late++;
          send(queue[next++]);
        }
        if (next >= queue.length) return resolve(late);
        setTimeout(tick, Math.max(0, queue[next].at - nowEpoch()));
      } catch (error) {
        reject(error);
      }
    };
    tick();
  });
}
