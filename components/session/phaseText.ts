import type { PhaseRule, Settings } from "@/lib/session/session";

/** What a phase lets participants do, in the words a teacher would say to the class. */
export function ruleNote(rule: PhaseRule, settings: Pick<Settings, "privateDrafting">): string {
  switch (rule) {
    case "anything":
      return "Add, reply and edit freely";
    case "drafting":
      return settings.privateDrafting ? "Drafting: new arguments stay with your team" : "Drafting: write your arguments";
    case "openings":
      return "Opening arguments only, no replies yet";
    case "rebuttals":
      return "Only replies now";
    case "voting":
      return "Voting: arguments are frozen";
    case "closed":
      return "The debate is closed";
  }
}

/** Short labels for the facilitator's rule picker. */
export const RULE_LABELS: Record<PhaseRule, string> = {
  anything: "Anything goes",
  drafting: "Drafting",
  openings: "Openings only",
  rebuttals: "Replies only",
  voting: "Voting (frozen)",
  closed: "Closed (frozen)",
};

/**
 * A countdown as a classroom clock shows it: 9:05, or 1:02:03 past an hour. Seconds round up, so
 * 0:00 appears exactly when time is up, never a second early.
 */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "10 min", "1 h 30 min", "no limit": phase lengths in the agenda. */
export function formatDuration(sec: number | null): string {
  if (sec === null) return "no limit";
  if (sec < 60) return `${sec} s`;
  const min = Math.round(sec / 60);
  return min >= 60 ? `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ""}` : `${min} min`;
}
