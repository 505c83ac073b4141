// The Nylas step's region: the one chosen with the Azure checklist, unless an address is typed.
import type { Region } from "../bindings/Region";

export type RegionKind = Region["kind"];

/** The region chosen with the checklist (a saved custom address counts as the US default). */
export function chosenRegion(saved: Region): Exclude<RegionKind, "custom"> {
  return saved.kind === "custom" ? "us" : saved.kind;
}

/** What to save: the typed address (trimmed) when there is one, else the chosen region. */
export function nylasRegion(saved: Region, typedUrl: string): Region {
  const url = typedUrl.trim();
  return url ? { kind: "custom", url } : ({ kind: chosenRegion(saved) } as Region);
}
