"use client";
import { callApi } from "@/components/common/api";
import type { DuplicatedBoard } from "@/lib/views/teacher-views";

/** What a teacher action answers: its value, or the server's message to show next to the button. */
export type TeacherResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * Calls one of the teacher's HTTP actions under /api/boards/:id with the facilitator's member token.
 * Never throws: a network failure is a result like any other, so a button can say what happened.
 */
export async function teacherRequest<T>(boardId: string, memberToken: string | undefined, path: string, method: string, body?: unknown): Promise<TeacherResult<T>> {
  if (!memberToken) return { ok: false, code: "forbidden", message: "Join the board as its facilitator first." };
  const result = await callApi<T>(`/api/boards/${encodeURIComponent(boardId)}${path}`, { method, body, token: memberToken });
  return result.ok ? { ok: true, value: result.data } : { ok: false, code: result.error.code, message: result.error.message };
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
