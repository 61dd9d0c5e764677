"use client";
import { useId, useMemo, useState } from "react";
import { DraftActions } from "./DraftActions";
import { groupByTeam, type TeamDraft } from "./draft-groups";
import { RevealDraftsDialog } from "./RevealDraftsDialog";
import { useTeamDraftsUi, type TeamDraftsUi } from "./useTeamDrafts";
import styles from "./Drafts.module.css";

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 87).trimEnd()}…` : text);

/**
 * The team's private drafts above the board: what private drafting means right now, the drafts this
 * person may see (a facilitator sees every team's, grouped), and the facilitator's "Reveal all".
 * Shown only during a private drafting phase or while drafts wait to be revealed.
 */
export function DraftsPanel({ onJump }: { onJump(id: string): void }) {
  const ui = useTeamDraftsUi();
  const [open, setOpen] = useState(true);
  const listId = useId();
  const groups = useMemo(() => (ui ? groupByTeam(ui.drafts, ui.teams) : []), [ui]);
  if (!ui || (!ui.active && ui.drafts.length === 0)) return null;
  const count = ui.drafts.length;

  return (
    <section className={styles.panel} data-testid="drafts-panel" data-active={ui.active} aria-labelledby={`${listId}-title`}>
      <header className={styles.panelHead}>
        <h2 id={`${listId}-title`} className={styles.panelTitle}>
          {!ui.facilitator && ui.myTeam ? `Team drafts · ${ui.myTeam.name}` : "Team drafts"}
          <span className={styles.count}>{count}</span>
        </h2>
        {ui.facilitator ? <RevealAll ui={ui} groups={groups} /> : null}
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          {open ? "Hide" : "Show"}
        </button>
      </header>
      <div id={listId} hidden={!open}>
        <p className={styles.explain}>{explanation(ui)}</p>
        {ui.facilitator
          ? groups.map((g) => (
              <div key={g.teamId} className={styles.group}>
                <h3 className={styles.groupTitle}>
                  {g.name} <span className={styles.count}>{g.drafts.length}</span>
                </h3>
                <DraftList ui={ui} drafts={g.drafts} onJump={onJump} />
              </div>
            ))
          : <DraftList ui={ui} drafts={ui.drafts} onJump={onJump} />}
      </div>
    </section>
  );
}

function explanation(ui: TeamDraftsUi): string {
  if (ui.active && ui.facilitator) return "Drafting phase: participants’ new arguments go to their team’s drafts. Reveal them all at once when the teams are ready.";
  if (ui.active && !ui.myTeam) return "Drafting phase: new arguments go to a team’s drafts, so join a team before you write.";
  if (ui.active) return "Drafting phase: what you save goes to your team’s drafts. Only your team and the facilitator see them until the facilitator reveals all drafts at once.";
  return "Drafting is over: these drafts wait for the facilitator to reveal them.";
}

function DraftList({ ui, drafts, onJump }: { ui: TeamDraftsUi; drafts: TeamDraft[]; onJump(id: string): void }) {
  if (drafts.length === 0) return <p className={styles.none}>No drafts yet.</p>;
  const labels = new Map(ui.positions.map((p) => [p.id, p.label]));
  return (
    <ul className={styles.list}>
      {drafts.map((d) => {
        const { argument: arg } = d;
        const where = arg.parentId === arg.positionId ? `${arg.stance === "for" ? "For" : "Against"} ${labels.get(arg.positionId) ?? ""}` : arg.stance === "for" ? "Supporting reply" : "Rebuttal";
        return (
          <li key={d.id} className={styles.item} data-testid="drafts-panel-item" data-draft-id={d.id}>
            <button type="button" className={styles.itemText} title="Show this draft on the board" onClick={() => onJump(d.id)}>
              <span className={styles.where}>{where}</span> {excerpt(arg.text)} <span className={styles.by}>— {arg.authorName}</span>
            </button>
            <DraftActions ui={ui} draft={d} />
          </li>
        );
      })}
    </ul>
  );
}

function RevealAll({ ui, groups }: { ui: TeamDraftsUi; groups: ReturnType<typeof groupByTeam> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    const ack = await ui.reveal();
    setBusy(false);
    setAsking(false);
    setMessage(ack.ok ? null : ack.message);
  };
  return (
    <>
      <button type="button" className="btn btn-primary btn-sm" data-testid="reveal-drafts" disabled={ui.drafts.length === 0} onClick={() => setAsking(true)}>
        Reveal all drafts
      </button>
      {message ? (
        <p className={`error-text ${styles.revealError}`} role="alert">
          {message}
        </p>
      ) : null}
      <RevealDraftsDialog open={asking} groups={groups} busy={busy} onConfirm={() => void confirm()} onCancel={() => setAsking(false)} />
    </>
  );
}
