import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import { LIMITS } from "../../lib/board/constants";
import { initBoardDoc, readMeta, readPositions } from "../../lib/board/doc";
import { docFromParts } from "../../lib/board/snapshot";
import { DEFAULT_PHASES, readSession, writeSession } from "../../lib/session/session";
import { ParleyError } from "../../lib/errors/errors";
import { hashToken } from "./join-board";
import { newBoardId, newJoinCode, newSecret } from "./create-board";
import type { DuplicatedBoard } from "../../lib/views/teacher-views";
import { ACTION_COST } from "./teacher-limits";
import { facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/**
 * Starts a fresh board for the next class: the same source, positions (same ids, labels, colours)
 * and teams, the same settings and agenda, but no arguments, votes, drafts or members except the
 * facilitator who duplicated it. Board, invites and that facilitator are stored in one transaction.
 */
export async function duplicateBoard(deps: TeacherDeps, request: FacilitatorRequest): Promise<DuplicatedBoard> {
  const { board, facilitator } = await facilitatorOf(deps.store, request, ACTION_COST.duplicate);
  const original = docFromParts((await deps.store.loadBoardState(board.id)).parts);
  const session = readSession(original);
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: copyTitle(board.title), sourceSha256: readMeta(original).sourceSha256 }, readPositions(original));
  writeSession(doc, {
    // A new class starts unlocked, whatever the last one ended with; a board from before mustCite gets the new default.
    settings: { ...session.settings, locked: false, mustCite: session.settings.mustCite ?? true },
    phases: session.phases.length ? session.phases : DEFAULT_PHASES,
    teams: session.teams,
  });
  original.destroy();
  const initialUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();

  const memberToken = randomBytes(24).toString("base64url");
  const memberId = `mem-${randomBytes(8).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    const joinCode = newJoinCode();
    try {
      const created = await deps.store.createBoard({
        id: newBoardId(),
        title: copyTitle(board.title),
        joinCode,
        sourceId: board.sourceId,
        initialUpdate,
        accessMode: "managed",
        invites: (["facilitator", "participant", "observer"] as const).map((role) => ({ role, token: newSecret() })),
        members: [{ id: memberId, role: "facilitator", displayName: facilitator.displayName, tokenHash: hashToken(memberToken) }],
      });
      return { boardId: created.id, joinCode: created.joinCode, memberId, memberToken, role: "facilitator", displayName: facilitator.displayName };
    } catch (error) {
      // Only a clash of random codes is worth another draw (the store refuses it as a constraint,
      // `storage-refused`); anything else, an outage included, is reported as it is.
      const clash = ParleyError.is(error) && error.code === "storage-refused" && (await deps.store.getBoardByJoinCode(joinCode)) !== null;
      if (!clash || attempt >= 3) throw error;
    }
  }
}

function copyTitle(title: string): string {
  const suffix = " (copy)";
  return title.endsWith(suffix) ? title : `${title.slice(0, LIMITS.boardTitleMaxChars - suffix.length)}${suffix}`;
}
