// What a form field says under itself: a problem found on the screen, else the core's error for it.
import type { AppError } from "../bindings/AppError";

export type FieldMessage = { message: string; fix?: string };

/** The message shown at `field`: the screen's own `problem` first (without a fix), else the
 * core's error when it names this field, else none. */
export function fieldMessage(field: string, error: AppError | null, problem?: string): FieldMessage | null {
  if (problem) return { message: problem };
  if (error?.field !== field) return null;
  return error.fix ? { message: error.message, fix: error.fix } : { message: error.message };
}
