"use client";
import { useMemo } from "react";
import type { Peer } from "@/components/sync/useBoard";
import { Avatar } from "@/components/common/Avatar";
import styles from "./TopBar.module.css";

interface Person {
  user: Peer["user"];
  tabs: number;
  isSelf: boolean;
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
      if (peer.isSelf) existing.user = peer.user; // this tab's name is the freshest
    } else {
      byUser.set(peer.user.id, { user: peer.user, tabs: 1, isSelf });
    }
  }
  return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.user.name.localeCompare(b.user.name));
}

function describePerson(p: Person): string {
  return `${p.user.name}${p.isSelf ? " (you)" : ""}${p.tabs > 1 ? ` · ${p.tabs} tabs` : ""}`;
}

/** Who is on the board right now. */
export function PresenceStrip({ peers, selfId }: { peers: Peer[]; selfId: string | null }) {
  const people = useMemo(() => groupPeople(peers, selfId), [peers, selfId]);
  const hidden = people.slice(SHOWN);
  return (
    <div className={styles.presence} data-testid="presence-strip" aria-label={`${people.length} ${people.length === 1 ? "person" : "people"} on this board`} role="group">
      <ul className={styles.avatars}>
        {people.slice(0, SHOWN).map((p) => (
          <li
            key={p.user.id}
            className={styles.person}
            data-testid="presence-avatar"
            data-user-id={p.user.id}
            data-self={p.isSelf || undefined}
            data-tabs={p.tabs}
            data-tip={describePerson(p)}
            aria-label={describePerson(p)}
            tabIndex={0}
          >
            <Avatar name={p.user.name} color={p.user.color} ring={p.isSelf} />
            {p.tabs > 1 ? <span className={styles.tabs} aria-hidden="true">{p.tabs}</span> : null}
          </li>
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
