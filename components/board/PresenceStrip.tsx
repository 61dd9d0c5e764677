"use client";
import { useMemo, type CSSProperties } from "react";
import type { Team } from "@/lib/session/session";
import type { Peer } from "@/components/sync/useBoard";
import { Avatar } from "@/components/common/Avatar";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import styles from "./TopBar.module.css";

interface Person {
  user: Peer["user"];
  tabs: number;
  isSelf: boolean;
  /** In any of their tabs: whether they have an argument open in the editor. */
  editing: boolean;
}

/** What the strip knows beyond awareness: teams by member id, and (for facilitators) real names. */
export interface PresenceDetails {
  teamOf(userId: string): Team | null;
  nameOf(userId: string, shown: string): string;
}

/** Avatars shown before "+N more", so the bar keeps its size in a class of thirty. */
const SHOWN = 6;

/** One entry per person: several tabs with the same user id are one person. */
export function groupPeople(peers: Peer[], selfId: string | null): Person[] {
  const byUser = new Map<string, Person>();
  for (const peer of peers) {
    const existing = byUser.get(peer.user.id);
    const isSelf = peer.isSelf || peer.user.id === selfId;
    if (existing) {
      existing.tabs++;
      existing.isSelf ||= isSelf;
      existing.editing ||= Boolean(peer.editing);
      if (peer.isSelf) existing.user = peer.user; // this tab's name is the freshest
    } else {
      byUser.set(peer.user.id, { user: peer.user, tabs: 1, isSelf, editing: Boolean(peer.editing) });
    }
  }
  return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name));
}

function describe(p: Person, details?: PresenceDetails): string {
  const team = details?.teamOf(p.user.id);
  const name = details ? details.nameOf(p.user.id, p.user.name) : p.user.name;
  return `${name}${p.isSelf ? " (you)" : ""}${team ? ` · ${team.name}` : ""}${p.editing ? " · writing" : ""}${p.tabs > 1 ? ` · ${p.tabs} tabs` : ""}`;
}

/** Who is on the board right now, in which team, and who is writing. */
export function PresenceStrip({ peers, selfId, details }: { peers: Peer[]; selfId: string | null; details?: PresenceDetails }) {
  const people = useMemo(() => groupPeople(peers, selfId), [peers, selfId]);
  const hidden = people.slice(SHOWN);
  const describePerson = (p: Person) => describe(p, details);
  return (
    <div className={styles.presence} data-testid="presence-strip" aria-label={`${people.length} ${people.length === 1 ? "person" : "people"} on this board`} role="group">
      <ul className={styles.avatars}>
        {people.slice(0, SHOWN).map((p) => (
          <PersonAvatar key={p.user.id} person={p} details={details} label={describePerson(p)} />
        ))}
        {hidden.length > 0 ? (
          <li className={styles.more} data-tip={hidden.map(describePerson).join(", ")} tabIndex={0} aria-label={`and ${hidden.length} more: ${hidden.map(describePerson).join(", ")}`}>
            +{hidden.length}
          </li>
        ) : null}
      </ul>
      <span className={styles.count} data-testid="presence-count">
        {people.length} here
      </span>
    </div>
  );
}

/** One person: initials on their colour, a tick in their team's colour, a pen while they write. */
function PersonAvatar({ person: p, details, label }: { person: Person; details?: PresenceDetails; label: string }) {
  const team = details?.teamOf(p.user.id) ?? null;
  return (
    <li
      className={styles.person}
      style={team ? ({ "--team": POSITION_PALETTES[team.color].base } as CSSProperties) : undefined}
      data-team={team?.id}
      data-testid="presence-avatar"
      data-user-id={p.user.id}
      data-self={p.isSelf || undefined}
      data-tabs={p.tabs}
      data-tip={label}
      aria-label={label}
      tabIndex={0}
    >
      <Avatar name={details ? details.nameOf(p.user.id, p.user.name) : p.user.name} color={p.user.color} ring={p.isSelf} />
      {p.tabs > 1 ? (
        <span className={styles.tabs} aria-hidden="true">
          {p.tabs}
        </span>
      ) : null}
      {team ? <span className={styles.teamMark} aria-hidden="true" /> : null}
      {p.editing ? (
        <span className={styles.writing} aria-hidden="true">
          ✎
        </span>
      ) : null}
    </li>
  );
}
