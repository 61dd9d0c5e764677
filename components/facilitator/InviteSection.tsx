"use client";
import { useId, useState } from "react";
import { copyText } from "@/components/common/clipboard";
import { Modal } from "@/components/common/Modal";
import { QrCode } from "./QrCode";
import { ReissueInvites } from "./ReissueInvites";
import { inviteUrl, useInvites } from "./useInvites";
import styles from "./FacilitatorPanel.module.css";
import invite from "./InviteSection.module.css";

interface InviteSectionProps {
  boardId: string;
  joinCode?: string;
  memberToken: string | undefined;
}

/** How the class gets in: the code to read out, the links to send, and a QR code to scan. */
export function InviteSection({ boardId, joinCode, memberToken }: InviteSectionProps) {
  const invites = useInvites(boardId, memberToken);
  const [big, setBig] = useState(false);
  const titleId = useId();
  const links = invites.status === "ready" ? invites.value.invites : null;
  // After a reissue the code on screen is the new one (the page was loaded with the old). Managed boards'
  // pages never carry the code: it comes with the links, which only facilitators get.
  const code = invites.status === "ready" ? invites.value.joinCode : (joinCode ?? "…");
  const participant = links?.participant ? inviteUrl(boardId, links.participant) : null;

  return (
    <div className={styles.sectionBody}>
      <div className={invite.codeRow}>
        <div>
          <p className={styles.smallLabel}>Join code</p>
          <p className={invite.bigCode} data-testid="invite-join-code">
            {code}
          </p>
          <p className={styles.hint}>Students type it on the home page.</p>
        </div>
        {participant ? (
          <button type="button" className={invite.qrButton} onClick={() => setBig(true)} title="Show the QR code full size">
            <QrCode text={participant} size={96} label="QR code of the participant link" testId="invite-qr" />
            <span>Enlarge</span>
          </button>
        ) : null}
      </div>
      {invites.status === "loading" ? <p className={styles.hint}>Loading the invite links…</p> : null}
      {invites.status === "error" ? <p className="error-text">{invites.message}</p> : null}
      {links ? (
        <ul className={invite.links}>
          {links.participant ? (
            <InviteLink label="Participants" hint="Takes part: writes, replies, votes." url={inviteUrl(boardId, links.participant)} testId="invite-participant-link" />
          ) : null}
          {links.observer ? (
            <>
              <InviteLink label="Observers" hint="Watch only, e.g. a guest or a parent." url={inviteUrl(boardId, links.observer)} testId="invite-observer-link" />
              <InviteLink label="Projector" hint="Big-screen view for the room; opens read-only." url={inviteUrl(boardId, links.observer, true)} testId="invite-projector-link" />
            </>
          ) : null}
          {links.facilitator ? (
            <InviteLink
              label="Co-facilitators"
              hint="Full control of this board: share it only with another teacher."
              url={inviteUrl(boardId, links.facilitator)}
              testId="invite-facilitator-link"
              secret
            />
          ) : null}
        </ul>
      ) : null}
      {links ? <ReissueInvites boardId={boardId} memberToken={memberToken} onReissued={invites.replace} /> : null}
      <Modal open={big && participant !== null} onCancel={() => setBig(false)} labelledBy={titleId}>
        <h2 id={titleId} className="dialog-title">
          Scan to join
        </h2>
        <div className={invite.bigQr}>{participant ? <QrCode text={participant} size={320} label="QR code of the participant link" /> : null}</div>
        <p className={invite.bigQrCode}>
          or type <strong>{code}</strong> at {typeof window === "undefined" ? "" : window.location.host}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={() => setBig(false)}>
            Done
          </button>
        </div>
      </Modal>
    </div>
  );
}

interface InviteLinkProps {
  label: string;
  hint: string;
  url: string;
  testId: string;
  /** Masked until shown: the teacher's screen is often mirrored on the projector. */
  secret?: boolean;
}

function InviteLink({ label, hint, url, testId, secret = false }: InviteLinkProps) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const [shown, setShown] = useState(!secret);
  const copy = async () => {
    setCopied((await copyText(url)) ? "yes" : "no");
    setTimeout(() => setCopied(null), 2000);
  };
  const masked = url.replace(/invite=.*/, "invite=••••••••");
  return (
    <li className={invite.link}>
      <div className={invite.linkHead}>
        <strong>{label}</strong>
        <span className={styles.hint}>{hint}</span>
      </div>
      <div className={invite.linkRow}>
        <a href={url} className={invite.url} data-testid={testId} target="_blank" rel="noreferrer" title={shown ? url : undefined}>
          {shown ? url : masked}
        </a>
        {secret ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
            {shown ? "Hide" : "Show"}
          </button>
        ) : null}
        <button type="button" className="btn btn-sm" onClick={copy} aria-label={`Copy the ${label.toLowerCase()} link`}>
          {copied === "yes" ? "Copied" : copied === "no" ? "Copy failed" : "Copy"}
        </button>
      </div>
    </li>
  );
}
