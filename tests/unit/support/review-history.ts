/**
 * A recorded session for the review tests: a board document whose every change is captured as one
 * history entry with the member who made it and the server time it was accepted, as the store keeps them.
 */
import * as Y from "yjs";
import type { Argument, Stance } from "@/lib/board/argument";
import { addArgument, deleteArgument, updateArgument, type ArgumentPatch, type Author } from "@/lib/board/operations";
import type { HistoryUpdate, ReviewMember, VoteEvent } from "@/lib/review/history";
import { ARTICLE, anchorFor, makeBoardDoc, US } from "./board-fixture";

/** 14:00 UTC on a school day; every test time is minutes after it. */
export const T0 = Date.UTC(2026, 2, 10, 14, 0, 0);
export const minute = (n: number) => T0 + n * 60_000;

export const QUOTE_AID = "canceled a $300 million aid package";
export const QUOTE_FUNDING = "why should the US continue to provide the military funding?";
export const QUOTE_INTERESTS = "Safeguarding Pakistan's national interests will remain supreme priority.";

export const AMIRA: Author = { id: "mem-amira", name: "Amira" };
export const BEN: Author = { id: "mem-ben", name: "Ben" };
export const FACILITATOR: Author = { id: "mem-fac", name: "Ms Okafor" };
export const MEMBERS: ReviewMember[] = [
  { id: AMIRA.id, displayName: "Amira", role: "participant" },
  { id: BEN.id, displayName: "Ben", role: "participant" },
  { id: FACILITATOR.id, displayName: "Ms Okafor", role: "facilitator" },
];

export class SessionRecorder {
  readonly doc: Y.Doc = makeBoardDoc();
  /** The board's creation is the first entry, written by the server (no member). */
  readonly updates: HistoryUpdate[] = [{ seq: 1, at: T0, memberId: null, data: Y.encodeStateAsUpdate(this.doc) }];
  readonly votes: VoteEvent[] = [];

  /** Runs `change` on the document and records what it wrote as one entry by `memberId` at `at`. */
  record<T>(memberId: string | null, at: number, change: (doc: Y.Doc) => T): T {
    const captured: Uint8Array[] = [];
    const listen = (update: Uint8Array) => captured.push(update);
    this.doc.on("update", listen);
    try {
      return change(this.doc);
    } finally {
      this.doc.off("update", listen);
      if (captured.length > 0) this.updates.push({ seq: this.updates.length + 1, at, memberId, data: Y.mergeUpdates(captured) });
    }
  }

  add(author: Author, at: number, input: { parentId?: string; stance?: Stance; text: string; quotes?: string[] }): Argument {
    return this.record(author.id, at, (doc) => {
      const result = addArgument(
        doc,
        ARTICLE,
        { parentId: input.parentId ?? US, stance: input.stance ?? "for", text: input.text, author, quotes: (input.quotes ?? []).map((q) => anchorFor(ARTICLE, q)) },
        { now: at },
      );
      if (!result.ok) throw new Error(`Test argument refused: ${result.error.message}`);
      return result.value;
    });
  }

  edit(memberId: string, at: number, id: string, patch: Omit<ArgumentPatch, "quotes"> & { quotes?: string[] }): Argument {
    return this.record(memberId, at, (doc) => {
      const quotes = patch.quotes?.map((q) => anchorFor(ARTICLE, q));
      const result = updateArgument(doc, ARTICLE, id, { ...patch, quotes }, at);
      if (!result.ok) throw new Error(`Test edit refused: ${result.error.message}`);
      return result.value;
    });
  }

  remove(memberId: string, at: number, id: string): string[] {
    return this.record(memberId, at, (doc) => {
      const result = deleteArgument(doc, id);
      if (!result.ok) throw new Error(`Test delete refused: ${result.error.message}`);
      return result.value;
    });
  }

  vote(memberId: string, at: number, argumentId: string, strength: number | null, quoteSupport: number | null = null): void {
    this.votes.push({ argumentId, memberId, strength, quoteSupport, at });
  }
}
