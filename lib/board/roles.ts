import { z } from "zod";
import * as Y from "yjs";
import { ROOTS } from "./constants";

/**
 * Who may do what on a board. Facilitators run the session; participants write arguments;
 * observers (a projector, guests) only watch. The server checks every update against these rules;
 * the UI reads them only to hide what would be refused anyway.
 */
export const ROLES = ["facilitator", "participant", "observer"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The person behind a connection. `memberId` is null for a guest on an open board. */
export interface Actor {
  memberId: string | null;
  role: Role;
}

/** Facilitator-controlled settings, kept in the board document's `session` root. */
export const SessionSettingsSchema = z
  .object({
    /** Nobody but facilitators may change anything. */
    locked: z.boolean(),
    /** Participants may edit and delete each other's arguments. */
    coEditing: z.boolean(),
  })
  .strict();
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;

/** Boards without settings (open boards, boards made before roles) let everyone edit everything. */
export const OPEN_BOARD_SETTINGS: SessionSettings = { locked: false, coEditing: true };
/** A facilitated board starts unlocked, each person editing only their own arguments. */
export const MANAGED_BOARD_SETTINGS: SessionSettings = { locked: false, coEditing: false };

export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOTS.session);
}

export function readSessionSettings(doc: Y.Doc): SessionSettings {
  const map = sessionMap(doc);
  if (map.size === 0) return OPEN_BOARD_SETTINGS;
  const parsed = SessionSettingsSchema.safeParse(map.toJSON());
  return parsed.success ? parsed.data : { ...OPEN_BOARD_SETTINGS, locked: map.get("locked") === true };
}

/** Writes settings (mutates `doc`); a facilitator's action. Only changed fields are written. */
export function writeSessionSettings(doc: Y.Doc, patch: Partial<SessionSettings>): void {
  const next = SessionSettingsSchema.parse({ ...readSessionSettings(doc), ...patch });
  const map = sessionMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(next)) if (map.get(key) !== value) map.set(key, value);
  });
}

/** What each role may do in the UI, given the settings; the server enforces the same rules. */
export function capabilitiesOf(actor: Actor, settings: SessionSettings) {
  const facilitator = actor.role === "facilitator";
  const writer = actor.role !== "observer" && (facilitator || !settings.locked);
  return {
    write: writer,
    editAnyone: writer && (facilitator || settings.coEditing),
    facilitate: facilitator,
  };
}
