"use client";
import type { BoardSummary, SourceView } from "@/lib/views/board-views";
import { FollowToggle } from "@/components/session/FollowToggle";
import { PhaseBar } from "@/components/session/PhaseBar";
import type { UseBoardResult } from "@/components/sync/useBoard";
import { AccessBanner } from "./AccessBanner";
import { SessionTools } from "./SessionTools";
import { TopBar } from "./TopBar";
import type { BoardAccess } from "./useBoardAccess";
import type { useBoardSession } from "./useBoardSession";

interface BoardHeaderProps {
  summary: BoardSummary;
  source: SourceView;
  live: UseBoardResult;
  access: BoardAccess;
  view: ReturnType<typeof useBoardSession>;
}

/**
 * Everything above the panes: the top bar with this person's session controls, the phase and its
 * clock (on boards that have an agenda), and why they cannot write, if they cannot.
 */
export function BoardHeader({ summary, source, live, access, view }: BoardHeaderProps) {
  const { session } = live;
  const { rules } = view;
  const agenda = session && (session.phases.length > 0 || session.clock.phaseId || session.spotlight.argumentId);
  return (
    <>
      <TopBar
        summary={summary}
        source={source}
        status={live.status}
        pending={live.pending}
        retrying={live.retrying}
        peers={live.peers}
        selfId={access.selfId}
        named={access.displayName !== null}
        presenceDetails={view.presenceDetails}
        role={view.roleKnown ? view.role : null}
        memberToken={access.memberToken}
        participantsInvite={session?.settings.participantsInvite === true}
        controls={
          <SessionTools
            role={view.roleKnown ? view.role : null}
            memberId={view.memberId}
            session={session}
            positions={live.board?.positions ?? []}
            facilitating={view.facilitating}
            onFacilitate={() => view.setFacilitating((f) => !f)}
            command={live.command}
          />
        }
        onChangeName={access.changeName}
      />
      {agenda ? (
        <PhaseBar session={session} serverNow={live.serverNow} facilitator={rules.facilitator}>
          <FollowToggle follow={view.follow} onChange={view.setFollow} />
        </PhaseBar>
      ) : null}
      {rules.banner && view.roleKnown ? <AccessBanner kind={rules.banner} facilitator={rules.facilitator} /> : null}
    </>
  );
}
