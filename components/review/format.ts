/**
 * Times on the review screen. The replay happens after class, on the teacher's machine, so the
 * machine's own time zone is the right one; 24-hour clock times read unambiguously in a feed.
 */
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const clockSeconds = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short" });

/** "14:05", for feed entries. */
export function clockTime(at: number): string {
  return clock.format(at);
}

/** "Tue 10 Mar, 14:05:32", for the slider's position. */
export function fullTime(at: number): string {
  return `${day.format(at)}, ${clockSeconds.format(at)}`;
}

/** "+12:04" (or "+1:02:03") since the session started. */
export function elapsed(from: number, to: number): string {
  const total = Math.max(0, Math.round((to - from) / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `+${h}:${pad(m)}:${pad(s)}` : `+${m}:${pad(s)}`;
}
