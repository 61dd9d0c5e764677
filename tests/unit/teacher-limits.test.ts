/** The facilitator's rate limit: generous per minute, heavier for duplicates, free for reads. */
import { describe, expect, it } from "vitest";
import { ParleyError } from "@/lib/errors/errors";
import { ACTION_COST, chargeTeacherAction } from "@/server/boards/teacher-limits";

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "ok";
  } catch (error) {
    return ParleyError.is(error) ? error.code : String(error);
  }
}

describe("chargeTeacherAction", () => {
  it("refuses with rate-limited once a member has spent the minute's allowance, and only that member", async () => {
    const member = `mem-${Math.random()}`;
    for (let i = 0; i < 12; i++) expect(await codeOf(chargeTeacherAction(member, ACTION_COST.duplicate))).toBe("ok");
    expect(await codeOf(chargeTeacherAction(member))).toBe("rate-limited");
    // Reads stay free, and another facilitator is unaffected.
    expect(await codeOf(chargeTeacherAction(member, ACTION_COST.read))).toBe("ok");
    expect(await codeOf(chargeTeacherAction(`mem-${Math.random()}`))).toBe("ok");
  });
});
