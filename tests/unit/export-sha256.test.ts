import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sha256Bytes, sha256Hex } from "@/lib/export/sha256";
import { demoExportBoard, hostileExportBoard, HOSTILE_SOURCE } from "./support/export-fixture";

const nodeSha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256", () => {
  it("matches the FIPS 180-4 / NIST example vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")).toBe(
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    );
  });

  it("hashes one million 'a's (many blocks)", () => {
    expect(sha256Hex("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("gives the seed article its published hash", () => {
    const bytes = readFileSync(new URL("../../prisma/seed/article.txt", import.meta.url));
    const expected = "52de41deef6209671f30a73b729f15e4000f3cc1c09bb9e0d26d4cbae9d75472";
    expect(sha256Hex(bytes.toString("utf8"))).toBe(expected);
    expect(Buffer.from(sha256Bytes(new Uint8Array(bytes))).toString("hex")).toBe(expected);
    expect(sha256Hex(demoExportBoard().source.text)).toBe(demoExportBoard().source.sha256);
  });

  it("agrees with node:crypto at every padding boundary (55, 56, 63, 64, 119, 120 bytes …)", () => {
    for (let length = 0; length <= 130; length++) {
      const text = "x".repeat(length);
      expect(sha256Hex(text), `length ${length}`).toBe(nodeSha(text));
    }
  });

  it("encodes text as UTF-8: emoji, accents, the hostile source and lone surrogates like the server does", () => {
    for (const text of ["Zoë 👍🏽", "—“quotes”—", HOSTILE_SOURCE, hostileExportBoard().arguments[0].text, "lone \ud800 surrogate", "\udc00"]) {
      expect(sha256Hex(text)).toBe(nodeSha(text));
    }
  });

  it("is lower-case hex of 64 digits", () => {
    expect(sha256Hex("Parley")).toMatch(/^[0-9a-f]{64}$/);
  });
});
