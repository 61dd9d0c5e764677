/**
 * Parley's one error type. Every failure a user or a client can see carries one of these codes;
 * ERROR_TABLE says what each means on HTTP and on the sync socket.
 */
export type ErrorCode =
  | "bad-request"
  | "invalid-content"
  | "board-not-found"
  | "payload-too-large"
  | "malformed-message"
  | "not-joined"
  | "protocol-mismatch"
  | "update-rejected"
  | "forbidden"
  | "resync-required"
  | "stale-revision"
  | "rate-limited"
  | "storage-unavailable"
  | "storage-refused"
  | "internal";

export interface ErrorInfo {
  /** HTTP status for API routes. */
  http: number;
  /** Whether the sync server disconnects the socket after reporting it (read in one place: closesConnection in server/sync/connection.ts). */
  closesSocket: boolean;
  /** Whether trying the same thing again later can succeed. */
  retry: boolean;
  /** When it is raised (also the source for docs/protocol.md). */
  when: string;
}

export const ERROR_TABLE: Record<ErrorCode, ErrorInfo> = {
  "bad-request": { http: 400, closesSocket: false, retry: false, when: "A request body or query failed validation." },
  "invalid-content": { http: 422, closesSocket: false, retry: false, when: "Well-formed input that breaks a board rule (empty argument, quote not in the source…)." },
  "board-not-found": { http: 404, closesSocket: false, retry: false, when: "No board has that id or join code." },
  "payload-too-large": { http: 413, closesSocket: true, retry: false, when: "A body or sync message is larger than the limit." },
  "malformed-message": { http: 400, closesSocket: true, retry: false, when: "A sync or awareness frame that cannot be decoded." },
  "not-joined": { http: 400, closesSocket: true, retry: false, when: "A sync, awareness or command message arrived before a successful join, or no join came within the join deadline." },
  "protocol-mismatch": { http: 400, closesSocket: true, retry: false, when: "The client speaks another protocol version." },
  "update-rejected": { http: 422, closesSocket: false, retry: false, when: "A decodable Yjs update that breaks a board rule; the server state is sent back." },
  forbidden: { http: 403, closesSocket: false, retry: false, when: "The role or the board's settings do not allow it (an observer editing, a locked board, someone else's argument, a missing invite)." },
  "resync-required": { http: 409, closesSocket: false, retry: true, when: "An update that builds on changes the server has not seen; run the sync handshake again." },
  "stale-revision": { http: 409, closesSocket: false, retry: false, when: "A source revision was applied on a revision the board has since moved past; review the plan again." },
  "rate-limited": { http: 429, closesSocket: false, retry: true, when: "Too many requests in a short time." },
  "storage-unavailable": { http: 503, closesSocket: false, retry: true, when: "The database could not be reached; nothing was saved or applied." },
  "storage-refused": {
    http: 500,
    closesSocket: false,
    retry: false,
    when: "The database was reached but refused the write (a constraint, a trigger, a server bug); nothing was saved or applied, and sending it again will not help. Logged with its cause.",
  },
  internal: { http: 500, closesSocket: false, retry: true, when: "An unexpected server fault." },
};

/** Marks Parley errors across module copies (Next's route bundles hold their own copy of this file). */
const BRAND = Symbol.for("parley.error");

export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly [BRAND] = true;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "ParleyError";
    this.code = code;
    this.details = details;
  }

  /** Like `instanceof`, but also true for an error thrown by another copy of this module. */
  static is(error: unknown): error is ParleyError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true && (error as ParleyError).code in ERROR_TABLE;
  }
  get info(): ErrorInfo {
    return ERROR_TABLE[this.code];
  }
}

/** The JSON body of every error response and every error sent on the sync socket. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  retry: boolean;
  details?: unknown;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (ParleyError.is(error)) {
    return { code: error.code, message: error.message, retry: ERROR_TABLE[error.code].retry, ...(error.details !== undefined ? { details: error.details } : {}) };
  }
  return { code: "internal", message: "Something went wrong on the server.", retry: true };
}
