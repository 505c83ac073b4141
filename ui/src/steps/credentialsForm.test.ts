// Unit tests of the credentials form's required fields.
import { describe, expect, it } from "vitest";
import { missingCredentials } from "./credentialsForm";

const filled = { clientId: "1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", tenant: "contoso.com", secret: "abc~def", secretSaved: false };

describe("the credentials form's required fields", () => {
  it("accepts a form with every field filled", () => {
    expect(missingCredentials(filled)).toEqual({});
  });
  it("names every empty or blank field at once, each with what to paste", () => {
    const empty = missingCredentials({ clientId: " ", tenant: "", secret: "\t", secretSaved: false });
    expect(Object.keys(empty).sort()).toEqual(["client_id", "client_secret", "tenant"]);
    expect(empty.client_id).toMatch(/Application \(client\) ID/);
    expect(empty.tenant).toMatch(/tenant\) ID, your domain, or type common/);
    expect(empty.client_secret).toMatch(/secret's Value/);
  });
  it("names only the field left empty", () => {
    expect(Object.keys(missingCredentials({ ...filled, tenant: "" }))).toEqual(["tenant"]);
    expect(Object.keys(missingCredentials({ ...filled, clientId: "" }))).toEqual(["client_id"]);
  });
  it("lets the secret stay empty when one is saved in the keychain", () => {
    expect(missingCredentials({ ...filled, secret: "", secretSaved: true })).toEqual({});
    expect(Object.keys(missingCredentials({ ...filled, secret: "" }))).toEqual(["client_secret"]);
  });
});
