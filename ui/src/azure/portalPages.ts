// The Azure portal's pages as the checklist's buttons name them.
import type { PortalPage } from "../bindings/PortalPage";

/** The portal page each step is done on, as the portal names it. */
const PAGE_NAMES: Record<PortalPage, string> = {
  registrations: "App registrations",
  overview: "Overview",
  authentication: "Authentication",
  api_permissions: "API permissions",
  certificates: "Certificates & secrets",
  branding: "Branding & properties",
};

/** Where the button really goes: the app's own page once its client ID is known, else the list
 * of app registrations (from which the app is picked). */
export function portalButton(page: PortalPage, clientId: string): string {
  if (page === "registrations") return "Open App registrations";
  return /^[0-9a-f-]{36}$/i.test(clientId) ? `Open ${PAGE_NAMES[page]}` : `Open App registrations (then your app › ${PAGE_NAMES[page]})`;
}
