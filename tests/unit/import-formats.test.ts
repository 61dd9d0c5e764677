import { describe, expect, it } from "vitest";
import { toAif } from "@/lib/export/aif";
import { toArgdown } from "@/lib/export/argdown";
import { detectImportFormat } from "@/lib/export/formats";
import { toParleyJson } from "@/lib/export/json";
import { toKialoOutline } from "@/lib/export/outline";
import { demoExportBoard } from "./support/export-fixture";

describe("detectImportFormat: the content decides", () => {
  const board = demoExportBoard();

  it("recognises each of Parley's own exports", () => {
    expect(detectImportFormat(toParleyJson(board))).toBe("json");
    expect(detectImportFormat(toArgdown(board))).toBe("argdown");
    expect(detectImportFormat(toAif(board))).toBe("aif");
    expect(detectImportFormat(toAif(board, { ova: true }))).toBe("aif");
    expect(detectImportFormat(toKialoOutline(board))).toBe("kialo");
  });

  it("numbered text without a title is Kialo; other JSON is Parley JSON, so its errors say what is missing", () => {
    expect(detectImportFormat("\n1. Thesis\n1.1. Pro: x")).toBe("kialo");
    expect(detectImportFormat('{ "type": "parley-board", ')).toBe("json");
    expect(detectImportFormat("{}")).toBe("json");
    expect(detectImportFormat("[a]: b")).toBe("argdown");
  });
});
