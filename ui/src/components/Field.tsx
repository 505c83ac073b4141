// A labelled form control with its hint and its own error.
import type { ComponentChildren } from "preact";
import type { AppError } from "../bindings/AppError";
import { fieldMessage } from "./fieldMessage";

type Props = {
  id: string;
  field: string;
  label: string;
  hint?: ComponentChildren;
  error: AppError | null;
  /** A problem found on this screen before anything was sent (a required field left empty). */
  problem?: string;
  children: (aria: Record<string, string | boolean | undefined>) => ComponentChildren;
};

/** A labelled control whose hint and field-specific error (its message and its fix, said here
 * only) are announced with it. */
export function Field({ id, field, label, hint, error, problem, children }: Props) {
  const said = fieldMessage(field, error, problem);
  const mine = !!said;
  const describedBy = [hint ? `${id}-hint` : "", mine ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${mine ? " invalid" : ""}`}>
      <label for={id}>{label}</label>
      {children({ id, "aria-invalid": mine || undefined, "aria-describedby": describedBy })}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {said && (
        <p class="field-error" id={`${id}-error`}>
          {said.message}
          {said.fix && <span class="field-fix"> {said.fix}</span>}
        </p>
      )}
    </div>
  );
}
