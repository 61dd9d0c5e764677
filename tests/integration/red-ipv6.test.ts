/**
 * Issue 8 re-check: per-IP budgets (joins, members, boards, exports, connections) keyed on the full
 * IPv6 address let anyone holding a /64 — every IPv6 home or phone connection — use a fresh address
 * for each guess. IPv6 addresses now count by their /64 network, and IPv4-mapped ones as IPv4.
 */
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/server/http/rate-limit";

describe("red: IPv6 clients are counted by their /64", () => {
  it("gives every address of one /64 the same key, whatever its spelling", () => {
    const keys = ["2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:0DB8:0001:0002:0:0:0:9", "2001:db8:1:2::a:b"].map((a) => clientAddress(a, undefined, false));
    expect(new Set(keys).size).toBe(1);
    expect(clientAddress("2001:db8:1:3::1", undefined, false)).not.toBe(keys[0]);
    expect(clientAddress("::1", undefined, false)).toBe(clientAddress("::2", undefined, false));
  });

  it("counts an IPv4-mapped address as its IPv4 address, and leaves IPv4 alone", () => {
    expect(clientAddress("::ffff:10.0.0.7", undefined, false)).toBe("10.0.0.7");
    expect(clientAddress("10.0.0.7", undefined, false)).toBe("10.0.0.7");
    expect(clientAddress("10.0.0.7", "2001:db8:9:9::5", true)).toBe(clientAddress("2001:db8:9:9::6", undefined, false));
  });
});
