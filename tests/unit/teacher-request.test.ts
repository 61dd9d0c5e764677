/** The facilitator panel's HTTP calls go through the shared callApi: token, JSON, and never a throw. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { teacherRequest } from "@/components/facilitator/teacher-requests";

afterEach(() => vi.unstubAllGlobals());

function answering(response: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  });
  return calls;
}

describe("teacherRequest", () => {
  it("sends the facilitator's token and the JSON body, uncached, and answers the value", async () => {
    const calls = answering(() => Response.json({ status: { endedAt: 1 } }));
    const result = await teacherRequest<{ status: unknown }>("b 1", "tok", "/session", "PUT", { ended: true });
    expect(result).toEqual({ ok: true, value: { status: { endedAt: 1 } } });
    expect(calls[0].url).toBe("/api/boards/b%201/session");
    expect(calls[0].init).toMatchObject({ method: "PUT", body: JSON.stringify({ ended: true }), cache: "no-store" });
    expect(calls[0].init.headers).toMatchObject({ authorization: "Bearer tok", "content-type": "application/json" });
  });

  it("answers the server's code and message on a refusal, and a status-based one for a body that is not JSON", async () => {
    answering(() => Response.json({ code: "forbidden", message: "Only this board's facilitators can do that.", retry: false }, { status: 403 }));
    expect(await teacherRequest("b", "tok", "/people", "GET")).toEqual({ ok: false, code: "forbidden", message: "Only this board's facilitators can do that." });
    answering(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(await teacherRequest("b", "tok", "/people", "GET")).toMatchObject({ ok: false, code: "http-502" });
  });

  it("never throws: no token and no network are results too", async () => {
    const calls = answering(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await teacherRequest("b", undefined, "/people", "GET")).toMatchObject({ ok: false, code: "forbidden" });
    expect(calls).toHaveLength(0);
    expect(await teacherRequest("b", "tok", "/people", "GET")).toMatchObject({ ok: false, code: "network" });
  });
});
