"use client";
import { useState } from "react";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import type { Settings } from "@/lib/session/session";
import { useCommandRunner } from "@/components/session/useCommandRunner";
import sessionStyles from "@/components/session/SessionControls.module.css";
import styles from "./FacilitatorPanel.module.css";
import { InlineError } from "@/components/common/InlineError";

interface SettingsSectionProps {
  settings: Settings;
  argumentCount: number;
  command(cmd: Command): Promise<CommandAck>;
}

interface Toggle {
  key: keyof Settings;
  testId: string;
  label: string;
  hint: string;
  /** How the server reads the setting when it was never set (lib/session/session.ts). */
  absent?: boolean;
}

const TOGGLES: Toggle[] = [
  { key: "locked", testId: "setting-locked", label: "Lock board", hint: "Nobody but facilitators can add or change arguments." },
  { key: "coEditing", testId: "setting-coediting", label: "Let participants edit each other’s arguments", hint: "Off: each person edits and deletes only their own." },
  { key: "anonymous", testId: "setting-anonymous", label: "Anonymous mode", hint: "Participants see “Anonymous” instead of names; you still see who wrote what." },
  { key: "teamPick", testId: "setting-teampick", label: "Let participants pick their team", hint: "Off: you assign everyone under Teams." },
  { key: "teamSides", testId: "setting-teamsides", label: "Teams post only on their side", hint: "A team member’s arguments must make their team’s case; rebuttals of the other side are welcome.", absent: true },
  { key: "mustCite", testId: "setting-mustcite", label: "Every argument must cite the article", hint: "An argument (or reply) without a quote can only be saved as a draft its author alone sees, until they add one." },
  { key: "privateDrafting", testId: "setting-privatedrafting", label: "Private drafting", hint: "During a drafting phase, new arguments stay with their team until you reveal them." },
  { key: "participantsInvite", testId: "setting-participantsinvite", label: "Let participants invite others", hint: "They see the join code and can copy the link. Observers never see it." },
];

/** The board's rules as switches; each one applies to every screen at once. */
export function SettingsSection({ settings, argumentCount, command }: SettingsSectionProps) {
  const { run, busy, error } = useCommandRunner(command);
  // The switch moves when clicked; the server's answer (the session update arrives before the ack)
  // then takes over, or the refusal puts it back.
  const [pending, setPending] = useState<Partial<Settings>>({});
  const toggle = async (key: keyof Settings, value: boolean) => {
    setPending((p) => ({ ...p, [key]: value }));
    await run({ type: "set-settings", patch: { [key]: value } });
    setPending(({ [key]: _done, ...rest }) => rest);
  };
  return (
    <div className={styles.sectionBody}>
      <ul className={styles.toggles}>
        {TOGGLES.map((t) => {
          // Names already shown cannot be taken back, so anonymity must start before the debate does.
          const anonymityTooLate = t.key === "anonymous" && !settings.anonymous && argumentCount > 0;
          return (
            <li key={t.key} className={styles.toggle}>
              <label className={sessionStyles.switch}>
                <input
                  type="checkbox"
                  role="switch"
                  checked={pending[t.key] ?? settings[t.key] ?? t.absent ?? false}
                  disabled={busy || anonymityTooLate}
                  onChange={(e) => void toggle(t.key, e.target.checked)}
                  data-testid={t.testId}
                />
                <span className={sessionStyles.track} aria-hidden="true" />
                <span className={styles.toggleLabel}>{t.label}</span>
              </label>
              <p className={`${styles.hint} ${styles.toggleHint}`}>
                {anonymityTooLate ? "Arguments with names are already on the board, so anonymity can no longer be switched on." : t.hint}
              </p>
            </li>
          );
        })}
      </ul>
      <InlineError message={error} />
    </div>
  );
}
