// Unit tests of what a form field says under itself.
import { describe, expect, it } from "vitest";
import type { AppError } from "../bindings/AppError";
import { fieldMessage } from "./fieldMessage";

const wrongTenant: AppError = { code: "invalid_input", message: "That is a URL, not a tenant.", fix: "Paste only the ID.", field: "tenant" };

describe("what a field says under itself", () => {
  it("says the core's error, with its fix, only at the field it names", () => {
    expect(fieldMessage("tenant", wrongTenant)).toEqual({ message: wrongTenant.message, fix: wrongTenant.fix });
    expect(fieldMessage("client_id", wrongTenant)).toBeNull();
  });
  it("says nothing for an error that names no field, or no error", () => {
    expect(fieldMessage("tenant", { code: "network", message: "Microsoft did not answer." })).toBeNull();
    expect(fieldMessage("tenant", null)).toBeNull();
  });
  it("puts the screen's own problem first, without the core's fix", () => {
    expect(fieldMessage("tenant", wrongTenant, "Paste the Directory (tenant) ID.")).toEqual({ message: "Paste the Directory (tenant) ID." });
    expect(fieldMessage("client_id", null, "Paste the client ID.")).toEqual({ message: "Paste the client ID." });
  });
  it("leaves out a fix the core did not give", () => {
    expect(fieldMessage("tenant", { code: "invalid_input", message: "Empty.", field: "tenant" })).toEqual({ message: "Empty." });
  });
});
