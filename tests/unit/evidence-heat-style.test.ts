import { describe, expect, it } from "vitest";
import { heatStyle } from "@/components/evidence/heat-style";
import { computeHeat } from "@/lib/evidence/heat";
import { passageUnits } from "@/lib/evidence/passages";
import { TINY_ARGS, TINY_POSITIONS, TINY_SOURCE } from "./support/evidence-fixture";

describe("heat-map paint", () => {
  const map = computeHeat(TINY_SOURCE, passageUnits(TINY_SOURCE, "en"), TINY_POSITIONS, TINY_ARGS);

  it("gives each citing side its own pattern and underline, so colour is never the only cue", () => {
    const contested = heatStyle(map.passages[0], map)!;
    expect(String(contested.backgroundImage)).toMatch(/^linear-gradient\(.*\), repeating-linear-gradient\(-45deg/);
    expect(String(contested.boxShadow).split("inset")).toHaveLength(3);
    const oneSide = heatStyle(map.passages[2], map)!;
    expect(String(oneSide.backgroundImage)).toMatch(/^repeating-linear-gradient\(-45deg/); // side B's stripes alone
  });

  it("leaves uncited passages unpainted", () => {
    expect(heatStyle(map.passages[3], map)).toBeUndefined();
  });
});
