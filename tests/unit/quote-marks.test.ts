import { describe, expect, it } from "vitest";
import { withQuoteMarks } from "@/lib/text/quote-marks";

describe("withQuoteMarks", () => {
  it("wraps a bare passage in curly quotes", () => {
    expect(withQuoteMarks("A ban would hurt")).toBe("“A ban would hurt”");
  });

  it("keeps the marks a passage already has instead of doubling them", () => {
    expect(withQuoteMarks("“A ban…”")).toBe("“A ban…”");
    expect(withQuoteMarks('"A ban"')).toBe('"A ban"');
    expect(withQuoteMarks("«Une interdiction»")).toBe("«Une interdiction»");
    expect(withQuoteMarks("„Ein Verbot“")).toBe("„Ein Verbot“");
    expect(withQuoteMarks("「禁止」")).toBe("「禁止」");
  });

  it("adds only the closing mark to a passage cut off mid-quote", () => {
    expect(withQuoteMarks("“A ban would")).toBe("“A ban would”");
  });

  it("still wraps a passage that opens and closes a quote of its own before it ends", () => {
    expect(withQuoteMarks("“A ban” is what he said")).toBe("““A ban” is what he said”");
    expect(withQuoteMarks('"No" said they')).toBe('“"No" said they”');
  });

  it("handles the empty string and a lone mark", () => {
    expect(withQuoteMarks("")).toBe("“”");
    expect(withQuoteMarks("“")).toBe("“”");
  });
});
