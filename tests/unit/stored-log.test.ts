import { describe, expect, it } from "vitest";
import { entriesOf, intsOf } from "../../server/persistence/stored-log";

/** What PostgreSQL's encode(string_agg(int4send(n), ''::bytea), 'base64') sends for `ints`. */
function int4sendBase64(ints: number[]): string {
  const bytes = Buffer.alloc(ints.length * 4);
  ints.forEach((n, index) => bytes.writeInt32BE(n, index * 4));
  return bytes.toString("base64");
}

/** PostgreSQL's base64 breaks lines every 76 characters. */
const wrapped = (base64: string) => base64.replace(/.{76}/g, "$&\n");

describe("stored log decoding", () => {
  it("reads int4send integers, large and small, and none from null", () => {
    const ints = [0, 1, 255, 256, 65_536, 2_147_483_647, ...Array.from({ length: 100 }, (_, i) => i * 977)];
    expect(intsOf(wrapped(int4sendBase64(ints)))).toEqual(ints);
    expect(intsOf(null)).toEqual([]);
  });

  it("splits a line-wrapped base64 concatenation into its entries, byte for byte", () => {
    const entries = [new Uint8Array([1, 2, 3]), new Uint8Array(0), Uint8Array.from({ length: 300 }, (_, i) => i % 256), new Uint8Array([9])];
    const log = wrapped(Buffer.concat(entries).toString("base64"));
    const split = entriesOf(log, wrapped(int4sendBase64(entries.map((e) => e.byteLength))));
    expect(split.map((e) => Buffer.from(e).toString("hex"))).toEqual(entries.map((e) => Buffer.from(e).toString("hex")));
    expect(entriesOf(null, null)).toEqual([]);
  });

  it("refuses lengths that do not add up to the bytes, or a broken integer list", () => {
    const log = Buffer.from([1, 2, 3]).toString("base64");
    expect(() => entriesOf(log, int4sendBase64([2]))).toThrow(/did not add up/);
    expect(() => intsOf(Buffer.from([0, 0, 1]).toString("base64"))).toThrow(/whole number/);
  });
});
