import { describe, expect, it } from "vitest";
import { SCREENS, shownTabs, STEPS, TABS, tabOf } from "./routes";

describe("the route list", () => {
  it("names every screen once: the six wizard steps, then each tab beside the wizard", () => {
    expect(SCREENS).toEqual([
      "welcome", "checklist", "credentials", "nylas", "consent", "result",
      "mailboxes", "admin", "azure-app", "ews", "migration", "support", "profiles", "about",
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

describe("the tabs a profile shows", () => {
  const fresh = { demo: false, client_id: "", target: "nylas_v3", admin_credential_id: undefined, created_app: undefined, last_result: undefined } as unknown as import("./bindings/Profile").Profile;

  it("starts with Setup and Mailboxes, the rest under More", () => {
    const { shown, more } = shownTabs(fresh, "wizard");
    expect(shown).toEqual(["wizard", "mailboxes"]);
    expect(more).toEqual(["admin", "azure-app", "ews", "migration", "support", "profiles"]);
  });

  it("shows each tool once it applies, and the open one", () => {
    const connected = { ...fresh, last_result: { grant: { provider: "microsoft" } } } as unknown as typeof fresh;
    expect(shownTabs(connected, "wizard").shown).toEqual(["wizard", "mailboxes", "admin", "azure-app", "support"]);
    expect(shownTabs({ ...fresh, target: "legacy_v2" }, "profiles").shown).toEqual(["wizard", "mailboxes", "migration", "profiles"]);
  });
});
