// The directory's people as a table, a hundred a page: a box to select each, whether each is
// connected (and why not), a shared mailbox marked, and what the last run did for each.
import type { DirectoryRow } from "../bindings/DirectoryRow";
import type { RunRow } from "../bindings/RunRow";

/** Nylas's note on shared mailboxes, beside each one. */
const SHARED_NOTE = "Shared mailboxes might not have a password when they are created: set one with Microsoft's password reset before its owner signs it in.";

function Connection({ r }: { r: DirectoryRow }) {
  if (r.connection === "valid") return <span class="ok">Connected</span>;
  if (r.connection === "invalid") {
    return <span class="bad">Not working<span class="line small">{r.reason}</span></span>;
  }
  return <span>Not connected</span>;
}

function Outcome({ r }: { r: RunRow | undefined }) {
  if (!r) return null;
  if (r.state === "connected") {
    return <span class={r.check?.ok === false ? "bad" : "ok"}>{r.check?.ok === false ? `Connected, but its test failed: ${r.check.cause ?? r.check.detail}` : "Connected now"}</span>;
  }
  if (r.state === "failed") {
    return (
      <span class="bad" id={`run-error-${r.email}`}>
        {r.error?.message ?? "Failed."}
        {r.error?.fix && <span class="line"><strong>How to fix:</strong> {r.error.fix}</span>}
        {r.error?.detail && <span class="tech">{r.error.detail}</span>}
      </span>
    );
  }
  return <span class="small">Waiting</span>;
}

export function DirectoryList({ rows, page, pages, onPage, selected, onToggle, results }: {
  /** One page of rows (the core holds the rest). */
  rows: DirectoryRow[];
  page: number;
  pages: number;
  onPage: (p: number) => void;
  selected: Set<string>;
  onToggle: (email: string) => void;
  results: Record<string, RunRow>;
}) {
  const pager = pages > 1 && (
    <div class="actions start pager">
      <button class="copy" id="page-previous" onClick={() => onPage(page - 1)} disabled={page === 0}>Previous</button>
      <span id="page-of" class="small">Page {page + 1} of {pages}</span>
      <button class="copy" id="page-next" onClick={() => onPage(page + 1)} disabled={page === pages - 1}>Next</button>
    </div>
  );
  return (
    <>
      <table class="perms" id="directory-table">
        <caption class="offscreen">People of the organization who have a mailbox</caption>
        <thead>
          <tr><th scope="col"><span class="offscreen">Selected</span></th><th scope="col">Person</th><th scope="col">Connection</th><th scope="col">Last run</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.email} data-email={r.email} data-connection={r.connection}>
              <td>
                <input type="checkbox" id={`select-${r.email}`} aria-label={`Select ${r.name}`} checked={selected.has(r.email)}
                  disabled={r.connection === "valid"} onChange={() => onToggle(r.email)} />
              </td>
              <td>
                {r.name}<span class="line small">{r.email}</span>
                {r.shared && <span class="line small note" title={SHARED_NOTE}>Probably a shared mailbox. {SHARED_NOTE}</span>}
              </td>
              <td id={`connection-${r.email}`}><Connection r={r} /></td>
              <td><Outcome r={results[r.email.toLowerCase()]} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p id="directory-empty">Nobody here: change the filter or the search.</p>}
      {pager}
    </>
  );
}
