import { describe, expect, it } from "vitest";
import { SCREENS, STEPS, TABS, tabOf } from "./routes";

describe("the route list", () => {
  it("names every screen once: the six wizard steps, then each tab beside the wizard", () => {
    expect(SCREENS).toEqual([
      "welcome", "checklist", "credentials", "nylas", "consent", "result",
      "mailboxes", "admin", "azure-app", "ews", "migration", "support", "profiles",
    ]);
    expect(new Set(SCREENS).size).toBe(SCREENS.length);
    expect(STEPS.length + TABS.length - 1).toBe(SCREENS.length);
  });

  it("puts the sign-in step, with or without an address, under the Setup tab", () => {
    expect(tabOf({ view: "sign-in" })).toBe("wizard");
    expect(tabOf({ view: "sign-in", loginHint: "a@contoso.com" })).toBe("wizard");
    expect(tabOf({ view: "azure-app", then: "rotate" })).toBe("azure-app");
    expect(tabOf({ view: "support" })).toBe("support");
  });
});
