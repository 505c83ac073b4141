// One screen of the window: a section named by its route, labelled by its heading.
import type { ComponentChildren } from "preact";
import type { ScreenName } from "../routes";

/** A screen; `name` (its `data-step`) is one of the screens listed in routes.ts. */
export function Screen({ name, children }: { name: ScreenName; children: ComponentChildren }) {
  return (
    <section aria-labelledby="step-heading" data-step={name}>
      {children}
    </section>
  );
}
