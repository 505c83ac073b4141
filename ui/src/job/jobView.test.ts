import { describe, expect, it } from "vitest";
import type { JobEvent } from "../bindings/JobEvent";
import { idle, nextView } from "./jobView";

const fold = (events: JobEvent[]) => events.reduce(nextView, idle);
const link = { url: "https://login.example/x", redirect_uri: "http://localhost:1/callback", wait_secs: 600, browser_opened: true };

describe("a job's view", () => {
  it("shows the sign-in link until the first step, then the steps in order", () => {
    const v = fold([{ event: "sign_in", data: link }]);
    expect(v.signIn?.url).toBe(link.url);
    const after = nextView(v, { event: "step", data: { step: "signed_in", text: "a signed in" } });
    expect(after.signIn).toBeNull();
    expect(after.steps.map((s) => s.step)).toEqual(["signed_in"]);
  });

  it("replaces repeated waiting news instead of adding a line per try", () => {
    const wait = (n: number): JobEvent => ({ event: "step", data: { step: "waiting", text: `${n} s` } });
    const v = fold([{ event: "step", data: { step: "registered", text: "r" } }, wait(2), wait(4), wait(6)]);
    expect(v.steps.map((s) => s.text)).toEqual(["r", "6 s"]);
  });

  it("a device code replaces the link; progress and warnings are kept; the end clears the sign-in", () => {
    const v = fold([
      { event: "sign_in", data: link },
      { event: "device_code", data: { user_code: "ABC", verification_uri: "https://x/devicelogin", expires_secs: 900 } },
      { event: "progress", data: { done: 1, total: 3, text: "b@contoso.com" } },
      { event: "warning", data: { text: "Nylas was not checked." } },
    ]);
    expect(v.signIn).toBeNull();
    expect(v.device?.user_code).toBe("ABC");
    expect(v.progress).toEqual({ done: 1, total: 3, text: "b@contoso.com" });
    expect(v.warnings).toEqual(["Nylas was not checked."]);
    const ended = nextView(v, { event: "cancelled" });
    expect(ended.device).toBeNull();
    expect(ended.ended).toBe("cancelled");
  });

  it("keeps the owner's link while the job waits for them, and drops it when the job ends", () => {
    const owner = { url: "https://api.us.nylas.com/v3/connect/auth?login_hint=a", email: "a@contoso.com", wait_secs: 1800 };
    const v = fold([{ event: "owner_link", data: owner }]);
    expect(v.ownerLink?.email).toBe("a@contoso.com");
    expect(nextView(v, { event: "finished" }).ownerLink).toBeNull();
  });
});
