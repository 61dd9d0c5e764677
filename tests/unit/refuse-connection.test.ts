/** The sync socket's close decisions follow ERROR_TABLE's closesSocket column, code by code. */
import { describe, expect, it } from "vitest";
import { ERROR_TABLE, ParleyError, type ErrorCode, type ErrorPayload } from "@/lib/errors/errors";
import { closesConnection, refuseConnection, type Connection } from "@/server/sync/connection";

function recordingConnection(): Connection & { errors: ErrorPayload[]; closed: number } {
  const errors: ErrorPayload[] = [];
  const connection = {
    id: "c1",
    actor: { memberId: null, role: "observer" as const },
    errors,
    closed: 0,
    sendSync: () => undefined,
    sendAwareness: () => undefined,
    sendError: (error: ErrorPayload) => void errors.push(error),
    sendEvent: () => undefined,
    close: () => void connection.closed++,
  };
  return connection;
}

describe("refuseConnection", () => {
  for (const code of Object.keys(ERROR_TABLE) as ErrorCode[]) {
    it(`${code}: sends the refusal and ${ERROR_TABLE[code].closesSocket ? "closes" : "keeps"} the connection`, () => {
      const connection = recordingConnection();
      const result = refuseConnection(connection, new ParleyError(code, "no"));
      expect(result).toMatchObject({ ok: false, code, message: "no", retry: ERROR_TABLE[code].retry });
      expect(connection.errors).toEqual([expect.objectContaining({ code })]);
      expect(connection.closed).toBe(ERROR_TABLE[code].closesSocket ? 1 : 0);
      expect(closesConnection(code)).toBe(ERROR_TABLE[code].closesSocket);
    });
  }
});
