import { describe, expect, it } from "vitest";
import type { DirectoryRow } from "../bindings/DirectoryRow";
import type { DirectoryTable } from "../bindings/DirectoryTable";
import { filtered, paged, PAGE, selectShown, timeLeft, toggled, withRun } from "./directoryView";

const row = (email: string, connection: DirectoryRow["connection"]): DirectoryRow => ({ id: email, name: email, email, shared: false, connection });

describe("the directory table", () => {
  const rows = [row("a@x.com", "valid"), row("b@x.com", "invalid"), row("c@x.com", "not_connected"), row("d@x.com", "not_connected")];

  it("filters, and selects only what there is something to do for", () => {
    expect(filtered(rows, "not_connected").map((r) => r.email)).toEqual(["c@x.com", "d@x.com"]);
    const all = selectShown(new Set(), filtered(rows, "all"));
    expect([...all].sort()).toEqual(["b@x.com", "c@x.com", "d@x.com"]);
    expect(toggled(all, "c@x.com").has("c@x.com")).toBe(false);
  });

  it("shows 5,000 people a hundred at a time", () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(`u${i}@x.com`, "not_connected"));
    const last = paged(many, 99);
    expect(last.pages).toBe(50);
    expect(last.page).toBe(49);
    expect(last.rows).toHaveLength(PAGE);
    expect(last.rows[0].email).toBe("u4900@x.com");
  });

  it("marks what a run connected as valid and counts again", () => {
    const table: DirectoryTable = { rows, total: 4, valid: 1, invalid: 1, not_connected: 2, listed_at: 0 };
    const after = withRun(table, { "c@x.com": { email: "c@x.com", state: "connected", grant_id: "g-c" }, "d@x.com": { email: "d@x.com", state: "failed" } });
    expect(after.rows[2]).toMatchObject({ connection: "valid", grant_id: "g-c" });
    expect([after.valid, after.invalid, after.not_connected]).toEqual([2, 1, 1]);
    expect(withRun(table, {})).toBe(table);
  });

  it("says the time left in words", () => {
    expect(timeLeft(undefined)).toBe("");
    expect(timeLeft(40)).toBe("about 40 s");
    expect(timeLeft(600)).toBe("about 10 min");
    expect(timeLeft(7300)).toBe("about 2 h 1 min");
  });
});
