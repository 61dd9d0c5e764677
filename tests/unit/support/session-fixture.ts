/**
 * A facilitated board document for the session unit tests: the seed's two positions, the managed
 * settings and default phases, one team per position, and helpers to run commands at a fixed time.
 */
import { expect } from "vitest";
import * as Y from "yjs";
import { addArgument } from "@/lib/board/operations";
import type { Actor } from "@/lib/board/roles";
import { applySessionCommand, type Command } from "@/lib/session/commands";
import { DEFAULT_PHASES, MANAGED_SETTINGS, readSession, writeSession, type SessionState, type Team } from "@/lib/session/session";
import { ALICE, ARTICLE, PAK_MILITARY, US, makeBoardDoc } from "./board-fixture";

export const FACILITATOR: Actor = { memberId: "mem-fran", role: "facilitator" };
export const PARTICIPANT: Actor = { memberId: "mem-alice", role: "participant" };

export const TEAMS: Team[] = [
  { id: "team-us", name: "Team US", positionId: US, color: "indigo" },
  { id: "team-pak", name: "Team Pakistan", positionId: PAK_MILITARY, color: "emerald" },
];

/** A managed board's document, as createBoard writes it, with `patch` applied to its session. */
export function managedDoc(patch: Partial<SessionState> = {}): Y.Doc {
  const doc = makeBoardDoc();
  writeSession(doc, { settings: MANAGED_SETTINGS, phases: DEFAULT_PHASES, teams: TEAMS, ...patch });
  return doc;
}

/** Adds a top-level argument by Alice; returns its id. */
export function addArgumentTo(doc: Y.Doc, id = "arg-1"): string {
  const result = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "An argument.", quotes: [], author: ALICE }, { id, now: 1 });
  if (!result.ok) throw new Error(result.error.message);
  return id;
}

/** Runs `command` at server time `now` and expects it to succeed; returns the session after it. */
export function run(doc: Y.Doc, command: Command, now = 1_000, actor: Actor = FACILITATOR): SessionState {
  const result = applySessionCommand(doc, command, actor, now);
  if (!result.ok) throw new Error(`${command.type} failed: ${result.error.message}`);
  expect(result.value).toEqual(readSession(doc));
  return result.value;
}

/** Runs `command`, expects it to fail, and checks that the document was left exactly as it was. */
export function refused(doc: Y.Doc, command: Command, now = 1_000, actor: Actor = FACILITATOR): string {
  const before = Y.encodeStateAsUpdate(doc);
  const result = applySessionCommand(doc, command, actor, now);
  if (result.ok) throw new Error(`${command.type} should have failed`);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  return result.error.message;
}
