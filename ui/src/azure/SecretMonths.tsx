// The select for how long a new client secret lasts.
import type { ComponentChildren } from "preact";
import type { AppError } from "../bindings/AppError";
import { Field } from "../components/Field";

const MONTHS = [24, 18, 12, 6, 3, 1];

/** How long a new client secret lasts, 1 to 24 months (the core checks `secret_months`). */
export function SecretMonths({ id, label, hint, value, onChange, busy, error }: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  value: number;
  onChange: (months: number) => void;
  busy: boolean;
  error: AppError | null;
}) {
  return (
    <Field id={id} field="secret_months" label={label} hint={hint} error={error}>
      {(aria) => (
        <select {...aria} value={String(value)} disabled={busy}
          onChange={(e) => onChange(Number((e.target as HTMLSelectElement).value))}>
          {MONTHS.map((m) => <option key={m} value={String(m)}>{m === 1 ? "1 month" : `${m} months`}</option>)}
        </select>
      )}
    </Field>
  );
}
