// Where a screen's first problem is, and bringing it into view.

/** The first field in error in the main area, else the error box, else nothing. */
export function firstProblem(doc: Document = document): HTMLElement | null {
  return doc.querySelector<HTMLElement>("main [aria-invalid='true']") ?? doc.getElementById("error");
}

/** Scrolls the first field in error into view and focuses it, else the error box. */
export function revealFirstProblem(): void {
  const target = firstProblem();
  target?.scrollIntoView({ block: "center" });
  target?.focus({ preventScroll: true });
}
