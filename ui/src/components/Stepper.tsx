// The wizard's progress bar: each step and where the admin is.
import type { WizardStep } from "../bindings/WizardStep";
import { STEPS } from "../routes";

export function Stepper({ current }: { current: WizardStep }) {
  const index = STEPS.findIndex((s) => s.step === current);
  return (
    <nav aria-label="Progress">
      <ol class="stepper">
        {STEPS.map((s, i) => (
          <li key={s.step} class={i < index ? "done" : i === index ? "current" : ""} aria-current={i === index ? "step" : undefined}>
            <span class="num" aria-hidden="true">{i < index ? "✓" : i + 1}</span>
            <span class="title">{s.title}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
