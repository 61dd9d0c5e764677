/**
 * Calling the teacher's HTTP handlers the way Next's route files do (a web Request in, a Response out),
 * with each kind of credentials a request can carry.
 */
import { expect } from "vitest";
import type { Table } from "./managed-board";

/** A request with an optional JSON body and `Authorization: Bearer <token>` when a token is given. */
export function request(method: string, token: string | null, body?: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request("http://localhost/api/teacher-test", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function read(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}

/** The credentials that must all be refused: none, another board's facilitator, a participant, an observer. */
export function outsiders(t: Table, foreign: Table): [string, string | null][] {
  return [
    ["no credentials", null],
    ["a made-up token", "not-a-real-token"],
    ["another board's facilitator", foreign.facilitator.seat.memberToken],
    ["a participant", t.alice.seat.memberToken],
    ["an observer", t.observer.seat.memberToken],
  ];
}

/** Calls `call` with each outsider's token and expects 403 `forbidden` every time. */
export async function expectFacilitatorsOnly(t: Table, foreign: Table, call: (token: string | null) => Promise<Response>): Promise<void> {
  for (const [who, token] of outsiders(t, foreign)) {
    const { status, body } = await read(await call(token));
    expect({ who, status, code: body.code }).toEqual({ who, status: 403, code: "forbidden" });
  }
}
