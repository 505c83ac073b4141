// The Organization tab: the directory's people with a mailbox (read through the administrator's
// Graph sign-in, kept for the next start), searched, filtered and selected, then connected (or
// renewed) together with a progress bar, pause, resume after anything, and retry.
import { useEffect, useState } from "preact/hooks";
import { api, asAppError, type Channel } from "../api";
import type { DirectoryPage } from "../bindings/DirectoryPage";
import type { JobEvent } from "../bindings/JobEvent";
import type { RunKind } from "../bindings/RunKind";
import type { RunRow } from "../bindings/RunRow";
import type { RunSummary } from "../bindings/RunSummary";
import type { SavedFile } from "../bindings/SavedFile";
import type { Selection } from "../bindings/Selection";
import type { SignInOptions } from "../bindings/SignInOptions";
import { AdminSignIn } from "../azure/AdminSignIn";
import { adminWaiting } from "../azure/AdminWaiting";
import { ErrorBox } from "../components/ErrorBox";
import { Screen } from "../components/Screen";
import { useJob } from "../job/useJob";
import { useApp } from "../useApp";
import { Approval } from "./Approval";
import { DirectoryList } from "./DirectoryList";
import { toggled, withRun, type Filter } from "./directoryView";
import { RunPanel } from "./RunPanel";

const byEmail = (rows: RunRow[]) => Object.fromEntries(rows.map((r) => [r.email.toLowerCase(), r]));

/** A run's call, where a pause or a stop is not an error: `null` then. */
const unlessStopped = (call: Promise<RunSummary>) =>
  call.catch((e) => {
    if (asAppError(e).code === "cancelled") return null;
    throw e;
  });

export function OrganizationView() {
  const { state, run, busy, error } = useApp();
  const reader = useJob();
  const runner = useJob();
  // One page of the table: the core holds the directory, the window only what it shows.
  const [shown, setShown] = useState<DirectoryPage | null>(null);
  const [search, setSearch] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [signIn, setSignIn] = useState<SignInOptions>({ admin_consent: false, device_code: false });
  const [stopped, setStopped] = useState<RunSummary | null>(null);
  const [results, setResults] = useState<Record<string, RunRow>>({});
  const [imported, setImported] = useState<Selection | null>(null);
  const [saved, setSaved] = useState<SavedFile | null>(null);

  const showRun = async (r: RunSummary | null) => {
    setStopped(r);
    setResults(r ? byEmail(await api.bulkRows(r.id)) : {});
  };
  // The unfinished run first: what it connected before it stopped counts in the page.
  useEffect(() => {
    api.unfinishedBulk().then(showRun, () => undefined)
      .then(() => api.directoryPage("all", 0)).then(setShown, () => undefined);
  }, [state.profile.id]);
  const turn = (f: Filter, page: number) => {
    setFilter(f);
    return run(async () => setShown(await api.directoryPage(f, page)));
  };

  const read = (text: string) =>
    reader.go((ev) => api.readDirectory(signIn, text.trim() || null, ev), (p) => {
      setShown(p);
      setFilter("all");
    });
  const finished = async (r: RunSummary | null) => {
    await showRun(r ?? (await api.unfinishedBulk()));
    setShown(await api.directoryPage(filter, shown?.page ?? 0));
    setSelected(new Set());
    return api.getState();
  };
  const start = (kind: RunKind, emails: string[]) =>
    runner.go((ev: Channel<JobEvent>) => unlessStopped(api.startBulk(kind, emails, signIn, ev)), finished);
  const resume = () => stopped && runner.go((ev) => unlessStopped(api.resumeBulk(stopped.id, ev)), finished);
  const retry = () => stopped && runner.go((ev) => unlessStopped(api.retryFailed(stopped.id, ev)), finished);
  const runId = runner.bulk?.run_id ?? stopped?.id;
  const pause = () => (runId ? api.pauseBulk(runId) : api.cancelJob());
  const stop = async () => {
    if (!runId) return api.cancelJob();
    await api.cancelBulk(runId);
    if (!runner.running) await showRun(null);
  };

  const allResults = { ...results, ...runner.bulkRows };
  const current = shown ? withRun(shown, allResults) : null;
  const selectShown = () => run(async () => setSelected(new Set([...selected, ...(await api.selectableMailboxes(filter))])));
  const renewInvalid = () => run(async () => start("reauthenticate", await api.selectableMailboxes("invalid")).then(() => undefined));
  const waiting = adminWaiting(reader) ?? adminWaiting(runner);
  const working = busy || reader.running || runner.running;

  return (
    <Screen name="admin">
      <h1 id="step-heading" tabIndex={-1}>Connect your organization's mailboxes</h1>
      <p>
        Read your organization's directory, choose the people whose mailboxes Nylas should reach, and connect them
        together, without each of them signing in. An administrator signs in once.
      </p>
      {waiting && (
        <>
          <p><strong>{waiting.title}</strong></p>
          {waiting.panel}
        </>
      )}
      <RunPanel live={runner.bulk} stopped={stopped} running={runner.running} busy={working}
        onPause={pause} onStop={stop} onResume={resume} onRetry={retry} />
      {!current && !waiting && (
        <>
          <p class="hint" id="why-read-users">
            Reading the directory asks Microsoft for one more permission, <code>User.Read.All</code>, to list the people of your
            organization who have a mailbox (their names and addresses only). It lasts for this sign-in and is kept nowhere.
          </p>
          <AdminSignIn value={signIn} onChange={setSignIn} error={error} demo={state.profile.demo} />
          <div class="actions start">
            <button class="primary" id="read-directory" onClick={() => read("")} disabled={working}>Read the directory</button>
          </div>
        </>
      )}
      {current && (
        <>
          <p id="directory-counts">
            {current.total} people with a mailbox: <span class="ok">{current.valid} connected</span>, {current.invalid} not working,{" "}
            {current.not_connected} not connected.
            <span class="line small">Read {new Date(current.listed_at * 1000).toLocaleString()}{current.search ? `; the people whose name or address has a word starting with “${current.search}”` : ""}.</span>
          </p>
          <form class="row-form" onSubmit={(e) => { e.preventDefault(); read(search); }} role="search">
            <label for="directory-search">Search by name or address</label>
            <input id="directory-search" type="search" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
            <button type="submit" id="search-directory" disabled={working}>Search</button>
            {current.search && <button type="button" id="show-everyone" onClick={() => { setSearch(""); run(async () => { setFilter("all"); setShown(await api.showWholeDirectory("all")); }); }} disabled={working}>Show everyone</button>}
            <button type="button" id="refresh-directory" onClick={() => { setSearch(""); read(""); }} disabled={working}>Read again</button>
          </form>
          <fieldset class="filters">
            <legend>Show</legend>
            {([["all", "Everyone"], ["not_connected", "Not connected"], ["invalid", "Not working"]] as const).map(([f, label]) => (
              <label key={f} class="check"><input type="radio" name="directory-filter" id={`filter-${f}`} checked={filter === f}
                onChange={() => turn(f, 0)} /> {label}</label>
            ))}
          </fieldset>
          <div class="actions start">
            <button id="select-shown" onClick={selectShown} disabled={working || current.shown === 0}>Select all shown</button>
            <button id="select-none" onClick={() => setSelected(new Set())} disabled={working || selected.size === 0}>Clear selection</button>
            <button class="primary" id="connect-selected" onClick={() => start("connect", [...selected])} disabled={working || selected.size === 0}>
              Connect the {selected.size} selected
            </button>
            <button id="renew-invalid" onClick={renewInvalid} disabled={working || current.invalid === 0}>
              Renew the {current.invalid} not working
            </button>
          </div>
          <DirectoryList rows={current.rows} page={current.page} pages={current.pages} onPage={(p) => turn(filter, p)} selected={selected} results={allResults}
            onToggle={(email) => setSelected(toggled(selected, email))} />
          <div class="actions start">
            <button id="import-addresses" onClick={() => run(async () => {
              const s = await api.importAddresses();
              if (s) { setImported(s); setSelected(new Set(s.emails)); }
            })} disabled={working}>Select from a CSV file…</button>
            <button id="export-directory" onClick={() => run(async () => setSaved(await api.exportDirectory()))} disabled={working}>Save as CSV…</button>
          </div>
          {saved && <p class="ok" id="directory-saved" role="status">Saved to <code>{saved.path}</code>.</p>}
          {imported && (
            <div id="import-report" role="status">
              <p>{imported.emails.length} addresses of the file selected.</p>
              {imported.problems.length > 0 && (
                <ul>
                  {imported.problems.map((p) => (
                    <li key={p.line} class={p.refused ? "bad" : undefined}>Line {p.line}: {p.problem} <code>{p.text}</code></li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
      <ErrorBox error={error} />
      <Approval />
    </Screen>
  );
}
