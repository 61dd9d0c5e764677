import type { BoardSummary } from "@/lib/views/board-views";

/** The error body every Parley API route answers with (lib/errors ErrorPayload, seen from the browser). */
export interface ApiError {
  code: string;
  message: string;
  retry?: boolean;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

/** Calls a JSON endpoint and never throws: network failures and odd bodies become an ApiError. */
export async function callApi<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body !== undefined ? { "content-type": "application/json", accept: "application/json" } : { accept: "application/json" },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "Could not reach Parley. Check your connection and try again.", retry: true } };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): fall back to a message built from the status
  }
  if (response.ok) return { ok: true, data: body as T };
  const e = (body ?? {}) as Partial<ApiError>;
  return {
    ok: false,
    status: response.status,
    error: {
      code: typeof e.code === "string" ? e.code : `http-${response.status}`,
      message: typeof e.message === "string" && e.message ? e.message : `Something went wrong (the server answered ${response.status}).`,
      retry: e.retry,
      details: e.details,
    },
  };
}

interface Issue {
  path?: unknown;
  message?: unknown;
}

/**
 * Field messages from an error's `details`, keyed by dotted path ("source.text", "positions.0.label").
 * Accepts a zod issue list, `{ issues }`, or zod's flattened `{ fieldErrors }`.
 */
export function issuesByPath(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const d = details as { issues?: unknown; fieldErrors?: Record<string, unknown> } | null;
  const list: Issue[] = Array.isArray(details) ? details : Array.isArray(d?.issues) ? (d.issues as Issue[]) : [];
  for (const issue of list) {
    if (typeof issue?.message !== "string") continue;
    const key = Array.isArray(issue.path) ? issue.path.join(".") : "";
    out[key] ??= issue.message;
  }
  if (d && typeof d === "object" && d.fieldErrors && typeof d.fieldErrors === "object") {
    for (const [key, messages] of Object.entries(d.fieldErrors)) {
      if (Array.isArray(messages) && typeof messages[0] === "string") out[key] ??= messages[0];
    }
  }
  return out;
}

/** Where a new board opens: with the creator's facilitator invite, so they run it from the start. */
export function openingUrl(created: { board: BoardSummary; url?: string; facilitatorInvite?: string | null }): string {
  const base = created.url || `/b/${encodeURIComponent(created.board.id)}`;
  return created.facilitatorInvite ? `${base}?invite=${encodeURIComponent(created.facilitatorInvite)}` : base;
}
