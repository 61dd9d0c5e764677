/**
 * Presence colours: dark enough for white initials (≥ 4.5:1) and distinct from each other on a
 * projector. Lower-case #rrggbb, as the awareness schema requires.
 */
export const PRESENCE_COLORS = [
  "#c2410c",
  "#1d4ed8",
  "#a21caf",
  "#047857",
  "#b91c1c",
  "#6d28d9",
  "#0e7490",
  "#9a3412",
  "#be185d",
  "#4d7c0f",
  "#4338ca",
  "#0f766e",
] as const;

/** A stable colour for any id, so an author looks the same on every card and every screen. */
export function colorForId(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length];
}

/** One or two initials for an avatar: "Amira" → "A", "Jonas Weber" → "JW". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0])[0] ?? "?";
  const last = words.length > 1 ? (Array.from(words[words.length - 1])[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Names compare case- and space-insensitively: "amira " and "Amira" are the same person to a class. */
export function sameName(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, " ").toLocaleLowerCase() === b.trim().replace(/\s+/g, " ").toLocaleLowerCase();
}
