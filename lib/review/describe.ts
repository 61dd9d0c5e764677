import type { Argument } from "../board/argument";
import type { Position } from "../board/position";
import type { ActivityEvent } from "./activity";
import { excerpt } from "./diff";
import type { ReviewMember } from "./history";

/**
 * One sentence per feed entry, e.g. "Amira added 'Tying aid…' (for The US position)". Kept apart from
 * the components so the wording is tested and the review table and the feed name people the same way.
 */
export interface DescribeContext {
  members: ReadonlyMap<string, ReviewMember>;
  positions: ReadonlyMap<string, Position>;
  /** Every argument's last known version (Replay#latest), for naming the argument a reply answers. */
  arguments: ReadonlyMap<string, Argument>;
}

/** Builds the lookups once for a whole feed. */
export function describeContext(members: readonly ReviewMember[], positions: readonly Position[], args: ReadonlyMap<string, Argument>): DescribeContext {
  return { members: new Map(members.map((m) => [m.id, m])), positions: new Map(positions.map((p) => [p.id, p])), arguments: args };
}

/**
 * Who did it. A member's name from the member list (never the name typed on an argument, which a
 * member could have chosen freely); a guest on an open board has only the name on their argument.
 */
export function actorName(event: ActivityEvent, ctx: DescribeContext): string {
  if (event.memberId !== null) return ctx.members.get(event.memberId)?.displayName ?? "A former member";
  return event.kind === "added" || event.kind === "commented" || event.kind === "replied" ? `${event.authorName} (guest)` : "A guest";
}

/** The feed sentence for one event, without its time. */
export function describeActivity(event: ActivityEvent, ctx: DescribeContext): string {
  const who = actorName(event, ctx);
  const what = event.summary ? `'${event.summary}'` : "an argument";
  switch (event.kind) {
    case "added":
      return `${who} added ${what} (${placeOf(event.parentId, event.stance, ctx)})`;
    case "edited":
      return `${who} edited ${what}${event.changes?.includes("stance") ? ` (now ${event.stance === "for" ? "supporting" : "against"})` : ""}`;
    case "deleted":
      return `${who} deleted ${what}${event.replies ? ` and ${event.replies === 1 ? "its reply" : `its ${event.replies} replies`}` : ""}`;
    case "cited":
      return `${who} cited “${event.quote ?? ""}” in ${what}`;
    case "uncited":
      return `${who} removed the quote “${event.quote ?? ""}” from ${what}`;
    case "voted":
      return ratingText(who, what, event.strength, event.quoteSupport);
    case "commented":
      return `${who} commented on ${what}: “${event.comment ?? ""}”`;
    case "replied":
      return `${who} replied to a comment on ${what}: “${event.comment ?? ""}”`;
    case "comment-edited":
      return `${who} edited a comment on ${what}`;
    case "comment-deleted":
      return `${who} deleted a comment on ${what}`;
  }
}

/** "for The US position", or for a reply "rebutting 'Aid is leverage…'". */
function placeOf(parentId: string, stance: "for" | "against", ctx: DescribeContext): string {
  const position = ctx.positions.get(parentId);
  if (position) return `${stance} ${position.label}`;
  const parent = ctx.arguments.get(parentId);
  const target = parent ? `'${excerpt(parent.text)}'` : "an argument";
  return `${stance === "for" ? "supporting" : "rebutting"} ${target}`;
}

/** "Bo rated 'X' (strength 4/5, quote support 2/5)"; a rating with neither score clears it. */
function ratingText(who: string, what: string, strength: number | null, quoteSupport: number | null): string {
  const parts = [strength !== null ? `strength ${strength}/5` : "", quoteSupport !== null ? `quote support ${quoteSupport}/5` : ""].filter(Boolean);
  return parts.length > 0 ? `${who} rated ${what} (${parts.join(", ")})` : `${who} cleared their rating of ${what}`;
}
