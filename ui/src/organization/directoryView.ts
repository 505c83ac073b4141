// The directory table's view, kept out of the screen so it can be tested: which rows the filter
// shows, the page of them on screen, the selection, and each row after a bulk run's news.
import type { DirectoryRow } from "../bindings/DirectoryRow";
import type { DirectoryTable } from "../bindings/DirectoryTable";
import type { RunRow } from "../bindings/RunRow";

export type Filter = "all" | "not_connected" | "invalid";

/** Rows a page shows: enough to scan, few enough that 5,000 people cost no more than 100. */
export const PAGE = 100;

export function filtered(rows: DirectoryRow[], filter: Filter): DirectoryRow[] {
  return filter === "all" ? rows : rows.filter((r) => r.connection === filter);
}

/** The rows of page `page` (from 0), and how many pages there are. */
export function paged<T>(rows: T[], page: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(at * PAGE, (at + 1) * PAGE), page: at, pages };
}

/** The selection with every row the filter shows added (those connected and valid stay out:
 * there is nothing to do for them). */
export function selectShown(selected: Set<string>, shown: DirectoryRow[]): Set<string> {
  const next = new Set(selected);
  for (const r of shown) if (r.connection !== "valid") next.add(r.email);
  return next;
}

export function toggled(selected: Set<string>, email: string): Set<string> {
  const next = new Set(selected);
  if (next.has(email)) next.delete(email);
  else next.add(email);
  return next;
}

/** The table after a bulk run's rows: each connected mailbox valid, with its grant. */
export function withRun(table: DirectoryTable, done: Record<string, RunRow>): DirectoryTable {
  let changed = false;
  const rows = table.rows.map((r) => {
    const d = done[r.email.toLowerCase()];
    if (d?.state !== "connected" || !d.grant_id || r.connection === "valid") return r;
    changed = true;
    return { ...r, connection: "valid" as const, grant_id: d.grant_id, reason: undefined };
  });
  if (!changed) return table;
  const count = (c: DirectoryRow["connection"]) => rows.filter((r) => r.connection === c).length;
  return { ...table, rows, valid: count("valid"), invalid: count("invalid"), not_connected: count("not_connected") };
}

/** "about 3 min" from seconds. */
export function timeLeft(secs: number | undefined): string {
  if (secs === undefined) return "";
  if (secs < 90) return `about ${Math.max(1, Math.round(secs))} s`;
  if (secs < 5400) return `about ${Math.ceil(secs / 60)} min`;
  return `about ${Math.floor(secs / 3600)} h ${Math.floor((secs % 3600) / 60)} min`;
}
