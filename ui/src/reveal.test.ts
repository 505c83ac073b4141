// Unit tests of the first-problem finder, in happy-dom (a DOM for node).
// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { firstProblem, revealFirstProblem } from "./reveal";

describe("the first problem on a screen", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });
  it("is the first field in error inside the main area, before the error box", () => {
    document.body.innerHTML = `
      <input id="outside" aria-invalid="true">
      <main>
        <input id="fine">
        <input id="tenant" aria-invalid="true">
        <input id="secret" aria-invalid="true">
        <div id="error" tabindex="-1">Microsoft refused the secret.</div>
      </main>`;
    expect(firstProblem()?.id).toBe("tenant");
  });
  it("is the error box when no field is in error", () => {
    document.body.innerHTML = `<main><input id="fine" aria-invalid="false"><div id="error" tabindex="-1">Oops</div></main>`;
    expect(firstProblem()?.id).toBe("error");
  });
  it("is nothing on a screen without problems", () => {
    document.body.innerHTML = `<main><input id="fine"></main>`;
    expect(firstProblem()).toBeNull();
    expect(() => revealFirstProblem()).not.toThrow();
  });
  it("is focused when revealed", () => {
    document.body.innerHTML = `<main><input id="fine"><input id="client-id" aria-invalid="true"></main>`;
    revealFirstProblem();
    expect(document.activeElement?.id).toBe("client-id");
  });
});
