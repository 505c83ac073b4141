// Typed calls into the Rust core: generated from src-tauri/src/command_list.rs (./bindings/commands).
import type { AppError } from "./bindings/AppError";
import { Channel, commands } from "./bindings/commands";

export const api = commands;
export { Channel };

/** Normalises anything thrown by `invoke` into the core's `{code, message, fix}` shape. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "code" in e && "message" in e) return e as AppError;
  return { code: "internal", message: String(e) };
}

/** Microsoft said an administrator must approve the app first, or came back without consent
 * (which is also how its "Need admin approval" page returns to the app). */
export function needsAdminApproval(e: AppError | null): boolean {
  return e?.code === "admin_approval_required" || e?.code === "consent_declined";
}
