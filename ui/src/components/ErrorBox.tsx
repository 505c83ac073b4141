import type { AppError } from "../bindings/AppError";
import { CopyButton } from "./CopyButton";

/** An error not tied to a field shown on this screen. A field's own error is said at the field
 * (list the screen's fields in `fields`), never twice. */
export function ErrorBox({ error, fields = [] }: { error: AppError | null; fields?: string[] }) {
  if (!error || (error.field && fields.includes(error.field))) return null;
  return (
    <div class="error-box" role="alert" id="error" data-code={error.code} tabIndex={-1}>
      <p class="error-message" id="error-message">{error.message}</p>
      {error.fix && <p class="error-fix" id="error-fix"><strong>How to fix: </strong>{error.fix}</p>}
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
