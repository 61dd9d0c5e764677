import { createHash } from "node:crypto";

/** A member's secret as the database keeps it: only its SHA-256, so a leaked table lets nobody in. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
