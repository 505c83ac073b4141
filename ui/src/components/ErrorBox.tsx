// The error box: an error not said at a field, its fix, the way to where it is fixed, its detail.
import { useContext } from "preact/hooks";
import type { AppError } from "../bindings/AppError";
import type { WizardStep } from "../bindings/WizardStep";
import { WindowContext } from "../useApp";
import { CopyButton } from "./CopyButton";

/** Where a field's value is entered, when an error names a field this screen does not show. */
const STEP_OF_FIELD: Record<string, [WizardStep, string]> = {
  api_key: ["nylas", "Open the setup to paste it"],
  nylas_region: ["nylas", "Open the setup"],
  client_secret: ["credentials", "Open the setup to paste it"],
  client_id: ["credentials", "Open the setup"],
  tenant: ["credentials", "Open the setup"],
};

/** An error not tied to a field shown on this screen. A field's own error is said at the field
 * (list the screen's fields in `fields`), never twice. */
export function ErrorBox({ error, fields = [] }: { error: AppError | null; fields?: string[] }) {
  // Shown before the window has a state too (its first load failed): then there is nowhere to go.
  const navigate = useContext(WindowContext)?.navigate;
  if (!error || (error.field && fields.includes(error.field))) return null;
  const elsewhere = error.field ? STEP_OF_FIELD[error.field] : undefined;
  return (
    <div class="error-box" role="alert" id="error" data-code={error.code} tabIndex={-1}>
      <p class="error-message" id="error-message">{error.message}</p>
      {error.fix && <p class="error-fix" id="error-fix"><strong>How to fix: </strong>{error.fix}</p>}
      {elsewhere && navigate && (
        <button type="button" class="copy" id="error-go-to-step" onClick={() => navigate({ view: "wizard", step: elsewhere[0] })}>{elsewhere[1]}</button>
      )}
      {error.detail && (
        <details>
          <summary>Technical detail</summary>
          <code id="error-detail">{error.detail}</code>
          <CopyButton value={error.detail} label="technical detail" id="copy-error-detail" />
        </details>
      )}
    </div>
  );
}
