import { describe, expect, it } from "vitest";
import type { Finding } from "../bindings/Finding";
import { grouped, remedy } from "./findings";

const finding = (over: Partial<Finding>): Finding => ({
  code: "redirect_uri_missing", severity: "error", where: "azure", message: "m", evidence: "e", fix: "f",
  fixable: false, fixed: false, ...over,
});

describe("the doctor's findings", () => {
  it("are grouped by where they live, Azure first, empty places left out", () => {
    const g = grouped([
      finding({ code: "grant_invalid", where: "nylas" }),
      finding({ code: "redirect_uri_missing", where: "azure" }),
      finding({ code: "connector_client_mismatch", where: "nylas" }),
    ]);
    expect(g.map((x) => x.place)).toEqual(["azure", "nylas"]);
    expect(g[1].findings.map((f) => f.code)).toEqual(["grant_invalid", "connector_client_mismatch"]);
  });

  it("offer a fix, signing the mailbox in again, or the way to fix it by hand", () => {
    expect(remedy(finding({ fixable: true }))).toBe("fix");
    expect(remedy(finding({ fixable: true, fixed: true }))).toBe("fixed");
    expect(remedy(finding({ code: "grant_invalid", mailbox: "a@contoso.com" }))).toBe("sign-in");
    expect(remedy(finding({ code: "grant_invalid" }))).toBe("by-hand");
    expect(remedy(finding({}))).toBe("by-hand");
  });
});
