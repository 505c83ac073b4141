// Unit tests of the secret-expiry choice.
import { describe, expect, it } from "vitest";
import type { ExpiryReading } from "../bindings/ExpiryReading";
import { DURATIONS, expiryChoice, expiryText, inDays } from "./expiryChoice";

const NOW = new Date("2026-12-06T19:00:00Z");
const day = (iso: string, words: string) => ({ iso, words, from_now: "in some months" });
const one: ExpiryReading = { dates: [day("2027-06-04", "Friday 4 June 2027")] };
const two: ExpiryReading = { dates: [day("2027-05-06", "Thursday 6 May 2027"), day("2027-06-05", "Saturday 5 June 2027")] };

describe("the secret's expiry date for a duration", () => {
  it("counts days from today in UTC, across months and years", () => {
    expect(inDays(0, NOW)).toBe("2026-12-06");
    expect(inDays(26, NOW)).toBe("2027-01-01");
    expect(inDays(730, NOW)).toBe("2028-12-05");
  });
  it("offers the portal's durations, each a whole number of days", () => {
    expect(DURATIONS.map(([d]) => d)).toEqual(["180", "90", "365", "545", "730"]);
  });
  it("reads a duration as its date, the custom choice as the typed text, anything else as nothing", () => {
    expect(expiryText("180", "", NOW)).toBe("2027-06-04");
    expect(expiryText("custom", "5/22/2027", NOW)).toBe("5/22/2027");
    expect(expiryText("unknown", "5/22/2027", NOW)).toBe("");
    expect(expiryText("", "", NOW)).toBe("");
  });
});

describe("what the expiry field offers to save", () => {
  it("asks for a choice first", () => {
    expect(expiryChoice("", "", null, null, null).problem).toMatch(/Choose how long the secret lasts/);
  });
  it("saves nothing, and asks nothing, when the admin does not know", () => {
    expect(expiryChoice("unknown", "", "", null, null)).toEqual({});
  });
  it("offers the typed text while the core is still reading it", () => {
    expect(expiryChoice("custom", "5/22/2027", "5/22/202", one, null)).toEqual({ text: "5/22/2027" });
  });
  it("saves the one date the preview shows", () => {
    expect(expiryChoice("180", "2027-06-04", "2027-06-04", one, null)).toEqual({ iso: "2027-06-04" });
  });
  it("never guesses between two readings: the admin picks one", () => {
    expect(expiryChoice("custom", "5/6/2027", "5/6/2027", two, null).problem).toMatch(/which of the two dates/);
    expect(expiryChoice("custom", "5/6/2027", "5/6/2027", two, "2027-06-05")).toEqual({ iso: "2027-06-05" });
    expect(expiryChoice("custom", "5/6/2027", "5/6/2027", two, "2027-01-01").problem).toMatch(/which of the two dates/);
  });
  it("says the core's reason when nothing could be read, else what to type", () => {
    const bad: ExpiryReading = { dates: [], problem: "That is not a date: type it as the portal shows it." };
    expect(expiryChoice("custom", "soon", "soon", bad, null)).toEqual({ problem: bad.problem });
    expect(expiryChoice("custom", "", "", { dates: [] }, null).problem).toMatch(/Type the Expires date/);
  });
});
