"use client";
import { useMemo, type ReactNode } from "react";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import { OPEN_STATUS, type SessionState } from "@/lib/session/session";
import type { RosterView } from "@/components/sync/board-client";
import type { Peer } from "@/components/sync/useBoard";
import { BoardSection } from "./BoardSection";
import { InviteSection } from "./InviteSection";
import { PeopleSection } from "./PeopleSection";
import { PhasesSection } from "./PhasesSection";
import { SettingsSection } from "./SettingsSection";
import { SpotlightSection } from "./SpotlightSection";
import { TeamsSection } from "./TeamsSection";
import styles from "./FacilitatorPanel.module.css";

interface FacilitatorPanelProps {
  boardId: string;
  title: string;
  /** Open boards (the demo) belong to everyone: they cannot be deleted. */
  deletable: boolean;
  /** The facilitator's own member id. */
  selfId: string | null;
  /** When the page holds it; otherwise the invite section loads it with the facilitator's token. */
  joinCode?: string;
  memberToken: string | undefined;
  session: SessionState;
  positions: Position[];
  args: Argument[];
  roster: RosterView | null;
  peers: Peer[];
  command(cmd: Command): Promise<CommandAck>;
  onClose(): void;
}

/**
 * The facilitator's drawer: invites, the board's rules, the agenda and clock, the class list, teams,
 * the spotlight, and the board itself (end the session, archive, duplicate, delete).
 * It sits beside the board rather than over it, so the teacher keeps watching the debate.
 */
export function FacilitatorPanel({ boardId, title, deletable, selfId, joinCode, memberToken, session, positions, args, roster, peers, command, onClose }: FacilitatorPanelProps) {
  // Presence carries member ids (user.id), so the class list can say who is here now.
  const online = useMemo(() => new Set(peers.map((p) => p.user.id)), [peers]);
  const spotlight = args.find((a) => a.id === session.spotlight.argumentId) ?? null;
  return (
    <aside id="facilitator-panel" className={styles.panel} data-testid="facilitator-panel" aria-label="Facilitator controls">
      <header className={styles.head}>
        <h2 className={styles.title}>Facilitate</h2>
        <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={onClose} aria-label="Close the facilitator panel">
          ×
        </button>
      </header>
      <div className={styles.scroll}>
        <Section title="Invite">
          <InviteSection boardId={boardId} joinCode={joinCode} memberToken={memberToken} />
        </Section>
        <Section title="Phases and clock">
          <PhasesSection session={session} command={command} />
        </Section>
        <Section title="Spotlight">
          <SpotlightSection spotlight={spotlight} command={command} />
        </Section>
        <Section title="Settings">
          <SettingsSection settings={session.settings} argumentCount={args.length} command={command} />
        </Section>
        <Section title="People">
          <PeopleSection boardId={boardId} memberToken={memberToken} selfId={selfId} session={session} roster={roster} online={online} command={command} />
        </Section>
        <Section title="Teams">
          <TeamsSection session={session} positions={positions} roster={roster} online={online} command={command} />
        </Section>
        <Section title="Board">
          <BoardSection boardId={boardId} title={title} memberToken={memberToken} status={session.status ?? OPEN_STATUS} deletable={deletable} />
        </Section>
        <Section title="After class">
          <p className={styles.hint}>Replay the session on a timeline, see who did what, and download each participant&apos;s contributions for grading.</p>
          <a className="btn btn-sm" href={`/b/${encodeURIComponent(boardId)}/review`} target="_blank" rel="noopener" data-testid="open-review">
            Open the review
          </a>
        </Section>
      </div>
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className={styles.section} open>
      <summary className={styles.summary}>{title}</summary>
      {children}
    </details>
  );
}
