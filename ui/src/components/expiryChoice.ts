// What the secret-expiry field saves, worked out from what was chosen, typed and read back.
import type { ExpiryReading } from "../bindings/ExpiryReading";

/** The durations the Azure portal offers when a client secret is added, in days. */
export const DURATIONS: [string, string][] = [
  ["180", "180 days (6 months), Azure's recommendation"],
  ["90", "90 days (3 months)"],
  ["365", "365 days (12 months)"],
  ["545", "545 days (18 months)"],
  ["730", "730 days (24 months)"],
];

/** What to save: a date read back (`iso`), the text as typed while it is being read (the core
 * checks it again), or why nothing can be saved yet. */
export type ExpiryChoice = { iso?: string; text?: string; problem?: string };

/** The date `days` after `now`, as YYYY-MM-DD (UTC). */
export function inDays(days: number, now: Date = new Date()): string {
  const d = new Date(now.getTime());
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The text to read for a choice of the select: a duration's date, the typed date, or nothing. */
export function expiryText(choice: string, typed: string, now: Date = new Date()): string {
  if (choice === "custom") return typed;
  return /^\d+$/.test(choice) ? inDays(Number(choice), now) : "";
}

/** What the field offers to save. `reading` is the core's reading of `readText`; while it is
 * for another text (still being read), the text itself is offered. */
export function expiryChoice(
  choice: string,
  text: string,
  readText: string | null,
  reading: ExpiryReading | null,
  picked: string | null,
): ExpiryChoice {
  if (choice === "") return { problem: "Choose how long the secret lasts, or \u201cI don't know\u201d." };
  if (choice === "unknown") return {};
  if (readText !== text) return { text };
  const dates = reading?.dates ?? [];
  if (dates.length === 1) return { iso: dates[0].iso };
  if (dates.length === 2) {
    const chosen = dates.find((d) => d.iso === picked);
    return chosen ? { iso: chosen.iso } : { problem: "Choose which of the two dates Certificates & secrets means." };
  }
  return { problem: reading?.problem ?? "Type the Expires date shown in Certificates & secrets." };
}
