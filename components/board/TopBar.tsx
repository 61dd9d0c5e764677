"use client";
import Link from "next/link";
import { useCallback, useRef, useState, type ReactNode } from "react";
import type { Role } from "@/lib/board/roles";
import type { BoardSummary, SourceView } from "@/lib/views/board-views";
import type { ConnectionStatus } from "@/components/sync/board-client";
import type { Peer } from "@/components/sync/useBoard";
import { formatPublishedOn } from "@/components/common/time";
import { useDismiss } from "@/components/common/useDismiss";
import { DownloadMenu } from "@/components/export/DownloadMenu";
import { ResultsButton } from "@/components/votes/ResultsButton";
import { JoinCode } from "./JoinCode";
import { PresenceStrip, type PresenceDetails } from "./PresenceStrip";
import { SyncStatus } from "./SyncStatus";
import styles from "./TopBar.module.css";

interface TopBarProps {
  summary: BoardSummary;
  source: SourceView;
  status: ConnectionStatus;
  pending: number;
  /** Unsaved edits came back "not saved" and are being resent. */
  retrying?: boolean;
  peers: Peer[];
  /** This person's presence id (member id, or a guest's identity id). */
  selfId: string | null;
  /** Whether they have a name yet ("Change name" rather than "Set your name"). */
  named: boolean;
  presenceDetails?: PresenceDetails;
  /** Session controls for this person's role: Facilitate, their team. */
  controls?: ReactNode;
  /** This person's role (once the server said) and token: only those who may invite see the join code. */
  role?: Role | null;
  memberToken?: string;
  /** The facilitator lets participants invite: they see the code too. */
  participantsInvite?: boolean;
  onChangeName(): void;
}

/**
 * The board's title and source, how to invite others, whether work is saved, and who is here.
 * Below laptop width the less-used tools (who is here, join code, results, downloads, name) fold behind "More", so
 * the bar stays one row on a tablet and a phone keeps its height for the board.
 */
export function TopBar({ summary, source, status, pending, retrying, peers, selfId, named, presenceDetails, controls, role, memberToken, participantsInvite, onChangeName }: TopBarProps) {
  const sourceLine = [source.publisher, formatPublishedOn(source.publishedOn)].filter(Boolean).join(" · ");
  const [moreOpen, setMoreOpen] = useState(false);
  const toolsRoot = useRef<HTMLDivElement>(null);
  const closeMore = useCallback(() => setMoreOpen(false), []);
  useDismiss(toolsRoot, moreOpen, closeMore);
  return (
    <header className={styles.bar} data-testid="top-bar">
      <Link href="/" className={styles.brand} aria-label="Parley — back to the home page">
        <span className={styles.logo} aria-hidden="true">
          P
        </span>
        <span className={styles.brandName}>Parley</span>
      </Link>
      <div className={styles.titles}>
        <h1 className={styles.title} data-testid="board-title">
          {summary.title}
        </h1>
        <p className={styles.source}>
          {/* The demo board is titled after its article; saying it twice would only push the date off. */}
          {source.title !== summary.title ? <span className={styles.sourceTitle}>{source.title} — </span> : <span>Source: </span>}
          {sourceLine || "pasted text"}
        </p>
      </div>
      {controls ? <div className={styles.mine}>{controls}</div> : null}
      <div className={styles.tools} ref={toolsRoot}>
        <SyncStatus status={status} pending={pending} retrying={retrying} />
        <button
          type="button"
          className={`btn btn-ghost btn-sm ${styles.moreButton}`}
          aria-expanded={moreOpen}
          aria-controls="top-bar-more"
          onClick={() => setMoreOpen((open) => !open)}
          data-testid="top-bar-more"
        >
          More
        </button>
        <div className={styles.moreTools} id="top-bar-more" data-open={moreOpen || undefined}>
          <PresenceStrip peers={peers} selfId={selfId} details={presenceDetails} />
          <JoinCode
            code={summary.joinCode}
            boardId={summary.id}
            open={summary.accessMode === "open"}
            role={role}
            memberToken={memberToken}
            participantsInvite={participantsInvite}
          />
          <ResultsButton />
          <DownloadMenu boardId={summary.id} />
          <button type="button" className="btn btn-ghost btn-sm" onClick={onChangeName} data-testid="change-name">
            {named ? "Change name" : "Set your name"}
          </button>
        </div>
      </div>
    </header>
  );
}
