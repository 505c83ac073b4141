// The doctor's findings as the window shows them: grouped by where they live, in a fixed order.
import type { Finding } from "../bindings/Finding";
import type { Place } from "../bindings/Place";

export const PLACES: { place: Place; title: string }[] = [
  { place: "azure", title: "The app in Azure" },
  { place: "keychain", title: "This computer's keychain" },
  { place: "nylas", title: "Nylas" },
];

/** The places that have findings, each with its findings, in the order above. */
export function grouped(findings: Finding[]): { place: Place; title: string; findings: Finding[] }[] {
  return PLACES.map((p) => ({ ...p, findings: findings.filter((f) => f.where === p.place) })).filter((g) => g.findings.length > 0);
}

/** What a finding offers: a fix in one click, signing its mailbox in again, or the way to fix it by hand. */
export function remedy(f: Finding): "fixed" | "fix" | "sign-in" | "by-hand" {
  if (f.fixed) return "fixed";
  if (f.fixable) return "fix";
  if (f.code === "grant_invalid" && f.mailbox) return "sign-in";
  return "by-hand";
}
