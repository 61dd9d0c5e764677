/** The edge checks for state-changing requests (server/http/guard.ts) and the id shapes (read-access). */
import { afterEach, describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors/errors";
import { isBoardId, mayInvite } from "@/server/boards/read-access";
import { readCredentials, requireJsonWrite, requireSameOrigin } from "@/server/http/guard";

function request(method: string, headers: Record<string, string>, url = "http://parley.test/api/boards"): Request {
  return new Request(url, { method, headers });
}

function refusal(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return ParleyError.is(error) ? error.code : "thrown";
  }
}

afterEach(() => {
  delete process.env.PARLEY_CORS_ORIGIN;
});

describe("requireSameOrigin", () => {
  it("lets reads through whatever their origin, and writes without an Origin (not a browser)", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(refusal(() => requireSameOrigin(request(method, { origin: "https://evil.example" })))).toBeNull();
    expect(refusal(() => requireSameOrigin(request("POST", {})))).toBeNull();
  });

  it("compares the Origin with the Host, a proxy's forwarded host first, ignoring case", () => {
    expect(refusal(() => requireSameOrigin(request("POST", { origin: "http://PARLEY.test", host: "parley.test" })))).toBeNull();
    expect(refusal(() => requireSameOrigin(request("PATCH", { origin: "https://class.example", host: "10.0.0.5:3000", "x-forwarded-host": "class.example" })))).toBeNull();
    expect(refusal(() => requireSameOrigin(request("POST", { origin: "http://parley.test:4000", host: "parley.test" })))).toBe("forbidden");
    expect(refusal(() => requireSameOrigin(request("DELETE", { origin: "null", host: "parley.test" })))).toBe("forbidden");
    expect(refusal(() => requireSameOrigin(request("PUT", { origin: "not a url", host: "parley.test" })))).toBe("forbidden");
  });

  it("allows the origins listed in PARLEY_CORS_ORIGIN, trailing slash or not", () => {
    process.env.PARLEY_CORS_ORIGIN = "https://a.example/, https://b.example";
    expect(refusal(() => requireSameOrigin(request("POST", { origin: "https://a.example", host: "parley.test" })))).toBeNull();
    expect(refusal(() => requireSameOrigin(request("POST", { origin: "https://b.example", host: "parley.test" })))).toBeNull();
    expect(refusal(() => requireSameOrigin(request("POST", { origin: "https://c.example", host: "parley.test" })))).toBe("forbidden");
  });
});

describe("requireJsonWrite", () => {
  it("accepts application/json with parameters, and nothing a page can send cross-site without a preflight", () => {
    expect(refusal(() => requireJsonWrite(request("POST", { "content-type": "Application/JSON; charset=utf-8" })))).toBeNull();
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(refusal(() => requireJsonWrite(request("POST", { "content-type": type })))).toBe("bad-request");
    }
    expect(refusal(() => requireJsonWrite(request("POST", {})))).toBe("bad-request");
  });
});

describe("ids and credentials", () => {
  it("accepts generated board ids and the demo, nothing with odd bytes", () => {
    for (const id of ["demo", "k7qx2mab3c", "A_b-9"]) expect(isBoardId(id)).toBe(true);
    for (const id of ["", "demo\u0000", "de mo", "../x", "x".repeat(65), "démo"]) expect(isBoardId(id)).toBe(false);
  });

  it("reads the member token from the Bearer header and the link's invite or code from the query", () => {
    const credentials = readCredentials(request("GET", { authorization: "Bearer tok" }, "http://parley.test/api/boards/x?invite=inv&code=ab12cd"));
    expect(credentials).toEqual({ memberToken: "tok", invite: "inv", joinCode: "ab12cd" });
    expect(readCredentials(request("GET", {}))).toEqual({ memberToken: null, invite: null, joinCode: null });
  });

  it("lets facilitators invite, participants only when allowed, nobody else", () => {
    const member = (role: "facilitator" | "participant" | "observer") => ({ via: "member" as const, role, member: { id: "m", boardId: "b", role, displayName: "N", createdAt: new Date(), removedAt: null } });
    expect(mayInvite(member("facilitator"))).toBe(true);
    expect(mayInvite(member("participant"))).toBe(false);
    expect(mayInvite(member("participant"), true)).toBe(true);
    expect(mayInvite(member("observer"), true)).toBe(false);
    expect(mayInvite({ via: "invite", role: "facilitator" })).toBe(false);
    expect(mayInvite({ via: "public", role: null }, true)).toBe(false);
  });
});
