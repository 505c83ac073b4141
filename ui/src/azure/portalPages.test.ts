import { describe, expect, it } from "vitest";
import { portalButton } from "./portalPages";

describe("a checklist step's portal button", () => {
  it("names the app's own page once its client ID is known", () => {
    expect(portalButton("certificates", "3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10")).toBe("Open Certificates & secrets");
  });
  it("says it opens the list, and where to go from there, before that", () => {
    expect(portalButton("certificates", "")).toBe("Open App registrations (then your app › Certificates & secrets)");
    expect(portalButton("registrations", "3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10")).toBe("Open App registrations");
  });
});
