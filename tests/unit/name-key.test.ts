import { describe, expect, it } from "vitest";
import { isVisibleName, nameKey } from "@/server/boards/name-key";

describe("nameKey: when two display names count as the same name on a managed board", () => {
  it("ignores case, spacing, accents on Latin letters and invisible characters", () => {
    expect(nameKey("Ms  Rivera")).toBe(nameKey("ms rivera"));
    expect(nameKey("José")).toBe(nameKey("Jose"));
    expect(nameKey("Zoë Müller")).toBe(nameKey("zoe muller"));
    expect(nameKey("A\u200Bna\u2066")).toBe(nameKey("Ana"));
  });

  it("folds the common Cyrillic and Greek look-alikes of Latin letters", () => {
    expect(nameKey("Ms Riv\u0435ra")).toBe(nameKey("Ms Rivera"));
    expect(nameKey("\u039Cs Rivera")).toBe(nameKey("Ms Rivera"));
  });

  it("keeps the vowel signs of scripts where marks are letters, so different names stay different", () => {
    expect(nameKey("राम")).not.toBe(nameKey("रम"));
    expect(nameKey("สมชาย")).not.toBe(nameKey("สมชย"));
    expect(nameKey("김민준")).not.toBe(nameKey("김민"));
  });

  it("calls a name made only of invisible characters empty", () => {
    expect(isVisibleName("\u200B\u3164")).toBe(false);
    expect(isVisibleName("Amira")).toBe(true);
  });
});
