"use client";
import type { DuplicatedBoard } from "@/lib/views/teacher-views";

/** What a teacher action answers: its value, or the server's message to show next to the button. */
export type TeacherResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * Calls one of the teacher's HTTP actions under /api/boards/:id with the facilitator's member token.
 * Never throws: a network failure is a result like any other, so a button can say what happened.
 */
export async function teacherRequest<T>(boardId: string, memberToken: string | undefined, path: string, method: string, body?: unknown): Promise<TeacherResult<T>> {
  if (!memberToken) return { ok: false, code: "forbidden", message: "Join the board as its facilitator first." };
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}${path}`, {
      method,
      headers: { authorization: `Bearer ${memberToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const answer = (await response.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
    if (response.ok && answer) return { ok: true, value: answer };
    return { ok: false, code: answer?.code ?? `http-${response.status}`, message: answer?.message ?? `The server answered ${response.status}.` };
  } catch {
    return { ok: false, code: "network", message: "Could not reach Parley. Check your connection and try again." };
  }
}

/** Remembers the facilitator's seat on a new board the way the board page reads it (useMembership). */
export function rememberSeat(seat: DuplicatedBoard): void {
  try {
    const { memberId, memberToken, role, displayName } = seat;
    window.localStorage.setItem(`parley.member.${seat.boardId}`, JSON.stringify({ memberId, memberToken, role, displayName }));
  } catch {
    // Storage blocked: the new board's facilitator link (in its invites) still opens it.
  }
}
