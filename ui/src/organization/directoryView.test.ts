import { describe, expect, it } from "vitest";
import type { DirectoryPage } from "../bindings/DirectoryPage";
import type { DirectoryRow } from "../bindings/DirectoryRow";
import { timeLeft, toggled, withRun } from "./directoryView";

const row = (email: string, connection: DirectoryRow["connection"]): DirectoryRow => ({ id: email, name: email, email, shared: false, connection });

describe("the directory table", () => {
  const rows = [row("a@x.com", "valid"), row("b@x.com", "invalid"), row("c@x.com", "not_connected"), row("d@x.com", "not_connected")];
  const page: DirectoryPage = { rows, page: 0, pages: 1, shown: 4, total: 4, valid: 1, invalid: 1, not_connected: 2, listed_at: 0 };

  it("toggles a selection", () => {
    expect(toggled(new Set(["c@x.com"]), "c@x.com").size).toBe(0);
    expect(toggled(new Set(), "c@x.com").has("c@x.com")).toBe(true);
  });

  it("marks what a run connected as valid", () => {
    const after = withRun(page, { "c@x.com": { email: "c@x.com", state: "connected", grant_id: "g-c" }, "d@x.com": { email: "d@x.com", state: "failed" } });
    expect(after.rows[2]).toMatchObject({ connection: "valid", grant_id: "g-c" });
    expect(after.rows[3].connection).toBe("not_connected");
    expect(withRun(page, {})).toBe(page);
  });

  it("says the time left in words", () => {
    expect(timeLeft(undefined)).toBe("");
    expect(timeLeft(40)).toBe("about 40 s");
    expect(timeLeft(600)).toBe("about 10 min");
    expect(timeLeft(7300)).toBe("about 2 h 1 min");
  });
});
