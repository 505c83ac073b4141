// Unit tests of the Nylas step's region.
import { describe, expect, it } from "vitest";
import { chosenRegion, nylasRegion } from "./nylasRegion";

describe("the Nylas step's region", () => {
  it("keeps the region chosen with the Azure checklist when no address is typed", () => {
    expect(nylasRegion({ kind: "eu" }, "")).toEqual({ kind: "eu" });
    expect(nylasRegion({ kind: "us" }, "   ")).toEqual({ kind: "us" });
  });
  it("uses a typed address, trimmed, as a custom region", () => {
    expect(nylasRegion({ kind: "eu" }, "  https://nylas.example.test ")).toEqual({ kind: "custom", url: "https://nylas.example.test" });
  });
  it("falls back to the US region once a saved custom address is cleared", () => {
    expect(chosenRegion({ kind: "custom", url: "https://nylas.example.test" })).toBe("us");
    expect(nylasRegion({ kind: "custom", url: "https://nylas.example.test" }, "")).toEqual({ kind: "us" });
  });
});
