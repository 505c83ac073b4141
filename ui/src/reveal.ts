/** Scrolls the first field in error into view and focuses it, else the error box. */
export function revealFirstProblem(): void {
  const target = document.querySelector<HTMLElement>("main [aria-invalid='true']") ?? document.getElementById("error");
  target?.scrollIntoView({ block: "center" });
  target?.focus({ preventScroll: true });
}
