"use client";

/** The error body every Parley API route answers with (lib/errors ErrorPayload, seen from the browser). */
export interface ApiError {
  code: string;
  message: string;
  retry?: boolean;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

/**
 * Calls a JSON endpoint and never throws: network failures and odd bodies become an ApiError. With a
 * member `token` the call carries `Authorization: Bearer …` and is never answered from a cache (the
 * answer is this person's).
 */
export async function callApi<T>(url: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      ...(init.token ? { cache: "no-store" as const } : {}),
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
