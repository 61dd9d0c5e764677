import { z } from "zod";
import { ERROR_TABLE, ParleyError, toErrorPayload } from "../../lib/errors/errors";

/** Largest JSON body the API reads: a pasted source of LIMITS.sourceMaxChars plus room to spare. */
export const MAX_BODY_BYTES = 1_000_000;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

/**
 * A response body that hands `bytes` over as they are, in one chunk. `new Response(bytes)` copies a
 * byte body (undici's extractBody slices it): for a 5–9 MB PNG that was a copy on the event loop and
 * megabytes more of external memory, which make V8 collect the whole heap sooner. A stream's chunks
 * are passed through untouched, and Next pipes a route's stream to the socket as it is. The caller
 * must not change `bytes` afterwards.
 */
export function bytesBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Turns any failure into the documented error body and its HTTP status. */
export function errorResponse(error: unknown): Response {
  const payload = toErrorPayload(error);
  if (!ParleyError.is(error)) console.error("[parley] unexpected API error:", error);
  return json(payload, ERROR_TABLE[payload.code].http);
}

/**
 * The body as text, refused with `payload-too-large` past `maxBytes`. The size is counted while
 * reading: a chunked body declares no Content-Length, and buffering it whole first let one request
 * exhaust the server's memory.
 */
export async function readBodyText(request: Request, maxBytes: number, tooLarge: () => ParleyError): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and validates a JSON body, refusing oversized or malformed ones with a clear error. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await readBodyText(request, MAX_BODY_BYTES, () => new ParleyError("payload-too-large", `Requests are limited to ${MAX_BODY_BYTES / 1_000_000} MB.`));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ParleyError("bad-request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    throw new ParleyError("bad-request", issues[0]?.message ?? "The request is not valid.", { issues });
  }
  return parsed.data;
}

/** The token of an `Authorization: Bearer <token>` header (a member's secret), or null. */
export function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice(7).trim() || null : null;
}
