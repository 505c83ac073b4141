// The directory table's view, kept out of the screen so it can be tested: the selection, and a
// page's rows and counts after a run's news (the run reports each mailbox as it is done).
import type { DirectoryPage } from "../bindings/DirectoryPage";
import type { RunRow } from "../bindings/RunRow";

export type Filter = "all" | "not_connected" | "invalid";

export function toggled(selected: Set<string>, email: string): Set<string> {
  const next = new Set(selected);
  if (next.has(email)) next.delete(email);
  else next.add(email);
  return next;
}

/** The page after a run's rows: each connected mailbox valid, with its grant, and counted so. */
export function withRun(page: DirectoryPage, done: Record<string, RunRow>): DirectoryPage {
  let changed = false;
  const rows = page.rows.map((r) => {
    const d = done[r.email.toLowerCase()];
    if (d?.state !== "connected" || !d.grant_id || r.connection === "valid") return r;
    changed = true;
    return { ...r, connection: "valid" as const, grant_id: d.grant_id, reason: undefined };
  });
  return changed ? { ...page, rows } : page;
}

/** "about 3 min" from seconds. */
export function timeLeft(secs: number | undefined): string {
  if (secs === undefined) return "";
  if (secs < 90) return `about ${Math.max(1, Math.round(secs))} s`;
  if (secs < 5400) return `about ${Math.ceil(secs / 60)} min`;
  return `about ${Math.floor(secs / 3600)} h ${Math.floor((secs % 3600) / 60)} min`;
}
