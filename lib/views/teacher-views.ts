import type { Role } from "../board/roles";

/**
 * What the teacher's HTTP actions hand to the facilitator panel (dates as ISO strings). The server's
 * use-cases in server/boards/ build them; the panel in components/facilitator/ reads them.
 */

/** One person on the class list, as GET /api/boards/:id/people answers. */
export interface Person {
  id: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  joinedAt: string;
  /** ISO time of removal; removed people are listed for the record, with no actions. */
  removedAt: string | null;
}

/** What POST /api/boards/:id/duplicate answers: the new board and the facilitator's seat on it. */
export interface DuplicatedBoard {
  boardId: string;
  joinCode: string;
  /** The facilitator who asked is the new board's facilitator: their seat there. */
  memberId: string;
  memberToken: string;
  role: "facilitator";
  displayName: string;
}
