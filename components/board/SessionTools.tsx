"use client";
import type { Position } from "@/lib/board/position";
import type { Role } from "@/lib/board/roles";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import type { SessionState } from "@/lib/session/session";
import { TeamPicker } from "@/components/session/TeamPicker";
import styles from "./TopBar.module.css";

interface SessionToolsProps {
  /** Null until the server (or the stored membership) says. */
  role: Role | null;
  memberId: string | null;
  session: SessionState | null;
  positions: Position[];
  facilitating: boolean;
  onFacilitate(): void;
  command(cmd: Command): Promise<CommandAck>;
}

/** The top bar's part of the session: the facilitator's drawer, a participant's team, an observer's badge. */
export function SessionTools({ role, memberId, session, positions, facilitating, onFacilitate, command }: SessionToolsProps) {
  if (role === "facilitator") {
    return (
      <button
        type="button"
        className={`btn btn-sm ${styles.facilitate}`}
        aria-expanded={facilitating}
        aria-controls="facilitator-panel"
        onClick={onFacilitate}
        data-testid="facilitate-button"
      >
        Facilitate
      </button>
    );
  }
  if (role === "observer") return <span className={styles.roleBadge}>Observer</span>;
  return role && session && memberId ? <TeamPicker session={session} memberId={memberId} positions={positions} command={command} /> : null;
}
