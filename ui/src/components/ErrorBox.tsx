import type { AppError } from "../bindings/AppError";

export function ErrorBox({ error }: { error: AppError | null }) {
  if (!error) return null;
  return (
    <div class="error-box" role="alert" id="error" data-code={error.code}>
      <p class="error-message" id="error-message">{error.message}</p>
      {error.fix && <p class="error-fix" id="error-fix"><strong>How to fix: </strong>{error.fix}</p>}
      {error.detail && (
        <details>
          <summary>Technical detail</summary>
          <code id="error-detail">{error.detail}</code>
        </details>
      )}
    </div>
  );
}
