"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Argument } from "@/lib/board/argument";
import { formatAverage } from "./chart-scale";
import { RatingRow } from "./RatingRow";
import { useVotes, type Ratings, type VotesUi } from "./VotesContext";
import styles from "./VoteControls.module.css";

/** Arrow keys walk through values; only the one the voter stops on is sent. */
const KEYBOARD_SETTLE_MS = 450;

/**
 * The two ratings on a card (strength, and quote support when the card quotes the source) with this
 * person's ballot, and the card's averages once the facilitator reveals them. Hidden for observers
 * and on boards without members.
 */
export function VoteControls({ argument }: { argument: Argument }) {
  const ui = useVotes();
  if (!ui?.canVote) return null;
  return <CardVote ui={ui} argument={argument} />;
}

function CardVote({ ui, argument }: { ui: VotesUi; argument: Argument }) {
  const ballot = ui.mine.get(argument.id);
  // What the voter chose, shown at once and kept until the server's next view of their ballot (sent
  // after the vote is stored, so it includes it): dropping it on the ack showed the ballot as it was.
  const [pending, setPending] = useState<Partial<Ratings> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const shown: Ratings = {
    strength: pending?.strength !== undefined ? pending.strength : (ballot?.strength ?? null),
    quoteSupport: pending?.quoteSupport !== undefined ? pending.quoteSupport : (ballot?.quoteSupport ?? null),
  };
  // Only the ratings changed since the last send go out: the server keeps the other one. Sending both
  // from a ballot view not yet updated by the previous vote overwrote that vote with the old value.
  const unsent = useRef<Partial<Ratings>>({});
  const inFlight = useRef(0);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { vote } = ui;

  const send = useCallback(async () => {
    timer.current = null;
    const ratings = unsent.current;
    unsent.current = {};
    const mine = ++sequence.current;
    inFlight.current++;
    const ack = await vote(argument.id, ratings).finally(() => inFlight.current--);
    if (mine !== sequence.current) return; // a newer choice is on its way; let its answer decide
    if (!ack.ok) {
      setPending(null);
      setMessage(ack.message);
    }
  }, [vote, argument.id]);

  // A view of the ballot that arrives with nothing on its way is the server's word on it.
  useEffect(() => {
    if (inFlight.current === 0 && !timer.current) setPending(null);
  }, [ballot]);

  // Leaving the board mid-keyboard-choice still sends the value the voter settled on.
  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      void vote(argument.id, unsent.current);
    },
    [vote, argument.id],
  );

  const choose = (field: keyof Ratings, value: number, fromKeyboard: boolean) => {
    setMessage(null);
    setPending((p) => ({ ...p, [field]: value }));
    unsent.current = { ...unsent.current, [field]: value };
    if (timer.current) clearTimeout(timer.current);
    if (fromKeyboard) timer.current = setTimeout(() => void send(), KEYBOARD_SETTLE_MS);
    else void send();
  };

  const closed = ui.rule === "closed";
  const mode = closed ? "closed" : ui.rule === "voting" ? "prominent" : "subdued";
  const hasQuotes = argument.quotes.length > 0;

  return (
    // A group, not a region: every card has one, and landmark names must be unique on the page.
    <div className={styles.votes} data-mode={mode} role="group" aria-label="Your rating" data-testid="vote-controls">
      <RatingRow
        label="Strength"
        hint="How strong is this argument? 1 weak, 5 strong."
        value={shown.strength}
        disabled={closed}
        testPrefix="vote-strength"
        onChange={(v, k) => choose("strength", v, k)}
      />
      {hasQuotes ? (
        <RatingRow
          label="Quote support"
          hint="How well does the quoted passage support it? 1 barely, 5 fully."
          value={shown.quoteSupport}
          disabled={closed}
          testPrefix="vote-quote"
          onChange={(v, k) => choose("quoteSupport", v, k)}
        />
      ) : null}
      {message ? (
        <p className={styles.error} role="alert">
          {message}
        </p>
      ) : null}
      {closed ? <p className={styles.note}>Voting is closed.</p> : null}
      <CardResults ui={ui} argumentId={argument.id} hasQuotes={hasQuotes} />
    </div>
  );
}

/** The card's averages as small bars, or why they are not shown yet. */
function CardResults({ ui, argumentId, hasQuotes }: { ui: VotesUi; argumentId: string; hasQuotes: boolean }) {
  if (!ui.results) {
    return (
      <p className={styles.note} data-testid="vote-hidden-note">
        Votes are hidden until the facilitator reveals them.
      </p>
    );
  }
  const tally = ui.tallies.get(argumentId);
  const votes = tally?.votes ?? 0;
  const onlyYou = ui.revealed ? "" : " · only facilitators see the results until they are revealed";
  if (votes === 0) {
    return (
      <p className={styles.note} data-testid="vote-average" data-votes={0}>
        No votes yet{onlyYou}.
      </p>
    );
  }
  return (
    <div className={styles.averages} data-testid="vote-average" data-votes={votes}>
      <AverageBar label="Strength" value={tally?.strength ?? null} />
      {hasQuotes ? <AverageBar label="Quote support" value={tally?.quoteSupport ?? null} /> : null}
      <span className={styles.count}>
        {votes} vote{votes === 1 ? "" : "s"}
        {ui.revealed ? "" : " · only facilitators see this"}
      </span>
    </div>
  );
}

function AverageBar({ label, value }: { label: string; value: number | null }) {
  return (
    <span className={styles.average}>
      <span className={styles.averageLabel}>{label}</span>
      <span className={styles.track} aria-hidden="true">
        <span className={styles.fill} style={{ width: `${((value ?? 0) / 5) * 100}%` }} />
      </span>
      <span className={styles.averageValue}>
        {formatAverage(value)}
        <span className="visually-hidden"> out of 5</span>
      </span>
    </span>
  );
}
