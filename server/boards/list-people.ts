import type { Role } from "../../lib/board/roles";
import type { Person } from "../../lib/views/teacher-views";
import { ACTION_COST } from "./teacher-limits";
import { facilitatorOf, readLiveSession, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/** Everyone who joined the board, for its facilitators: real names, roles, teams, removals. */
export async function listPeople(deps: Pick<TeacherDeps, "store" | "rooms">, request: FacilitatorRequest): Promise<{ people: Person[] }> {
  // Reading the class list is free: the panel reloads it whenever someone joins.
  const { board } = await facilitatorOf(deps.store, request, ACTION_COST.read);
  const session = await readLiveSession(deps, board.id);
  const members = await deps.store.listMembers(board.id);
  return {
    people: members.map((m) => ({
      id: m.id,
      displayName: m.displayName,
      role: m.role as Role,
      teamId: session.assignments[m.id] ?? null,
      joinedAt: m.createdAt.toISOString(),
      removedAt: m.removedAt?.toISOString() ?? null,
    })),
  };
}
