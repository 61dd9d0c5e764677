import { describe, expect, it, vi } from "vitest";
import { ERROR_TABLE, ParleyError, toErrorPayload } from "@/lib/errors/errors";

describe("ParleyError", () => {
  it("is recognised when thrown by another copy of the module (Next's route bundles hold their own)", async () => {
    vi.resetModules();
    const copy = await import("@/lib/errors/errors");
    expect(copy.ParleyError).not.toBe(ParleyError);
    const foreign = new copy.ParleyError("storage-unavailable", "The database is down.");
    expect(foreign instanceof ParleyError).toBe(false);
    expect(ParleyError.is(foreign)).toBe(true);
    expect(toErrorPayload(foreign)).toEqual({ code: "storage-unavailable", message: "The database is down.", retry: true });
  });

  it("hides the message of anything that is not a ParleyError", () => {
    expect(toErrorPayload(new Error("password=hunter2"))).toEqual({ code: "internal", message: "Something went wrong on the server.", retry: true });
    expect(ParleyError.is({ code: "bad-request" })).toBe(false);
  });

  it("every code has an HTTP status and a description", () => {
    for (const info of Object.values(ERROR_TABLE)) {
      expect(info.http).toBeGreaterThanOrEqual(400);
      expect(info.when.length).toBeGreaterThan(10);
    }
  });

  it("tells a database that is down (retry) from one that refused the write (do not retry)", () => {
    expect(ERROR_TABLE["storage-unavailable"]).toMatchObject({ http: 503, retry: true, closesSocket: false });
    expect(ERROR_TABLE["storage-refused"]).toMatchObject({ http: 500, retry: false, closesSocket: false });
    expect(toErrorPayload(new ParleyError("storage-refused", "The database refused this change."))).toEqual({
      code: "storage-refused",
      message: "The database refused this change.",
      retry: false,
    });
  });
});
