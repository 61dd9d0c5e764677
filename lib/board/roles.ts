import { z } from "zod";
import type { Settings } from "../session/session";

/**
 * Who may do what on a board. Facilitators run the session; participants write arguments;
 * observers (a projector, guests) only watch. The server checks every update and command against
 * these rules; the UI reads them only to hide what would be refused anyway.
 */
export const ROLES = ["facilitator", "participant", "observer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The person behind a connection. `memberId` is null for a guest on an open board. */
export interface Actor {
  memberId: string | null;
  role: Role;
  /** The member's display name: the only name they may sign new arguments with. */
  displayName?: string | null;
}

/** What a role may do in the UI, given the settings; the server enforces the same rules. */
export function capabilitiesOf(actor: Actor, settings: Settings) {
  const facilitator = actor.role === "facilitator";
  const writer = actor.role !== "observer" && (facilitator || !settings.locked);
  return {
    write: writer,
    editAnyone: writer && (facilitator || settings.coEditing),
    facilitate: facilitator,
  };
}
