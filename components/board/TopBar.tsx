"use client";
import Link from "next/link";
import type { BoardSummary, SourceView } from "@/server/http/types";
import type { ConnectionStatus } from "@/components/sync/board-client";
import type { Peer } from "@/components/sync/useBoard";
import type { Identity } from "@/components/identity/useIdentity";
import { formatPublishedOn } from "@/components/common/time";
import { DownloadMenu } from "@/components/export/DownloadMenu";
import { JoinCode } from "./JoinCode";
import { PresenceStrip } from "./PresenceStrip";
import { SyncStatus } from "./SyncStatus";
import styles from "./TopBar.module.css";

interface TopBarProps {
  summary: BoardSummary;
  source: SourceView;
  status: ConnectionStatus;
  pending: number;
  peers: Peer[];
  identity: Identity | null;
  onChangeName(): void;
}

/** The board's title and source, how to invite others, whether work is saved, and who is here. */
export function TopBar({ summary, source, status, pending, peers, identity, onChangeName }: TopBarProps) {
  const sourceLine = [source.publisher, formatPublishedOn(source.publishedOn)].filter(Boolean).join(" · ");
  return (
    <header className={styles.bar}>
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
      <div className={styles.tools}>
        <JoinCode code={summary.joinCode} boardId={summary.id} />
        <SyncStatus status={status} pending={pending} />
        <PresenceStrip peers={peers} selfId={identity?.id ?? null} />
        <DownloadMenu boardId={summary.id} />
        <button type="button" className="btn btn-ghost btn-sm" onClick={onChangeName} data-testid="change-name">
          {identity ? "Change name" : "Set your name"}
        </button>
      </div>
    </header>
  );
}
