// A sign-in link for a mailbox's owner to open on their own computer (for when they are not at
// this one): shown with a copy button while the app waits for them; then the result screen.
import { api } from "../api";
import { CopyButton } from "../components/CopyButton";
import { useJob, type JobHandle } from "../job/useJob";
import { useApp } from "../useApp";

export function useSendLink() {
  const job = useJob();
  const { navigate } = useApp();
  const send = (email: string) =>
    job.go((events) => api.sendLink(email, events), (next) => {
      navigate({ view: "wizard", step: "result" });
      return next;
    });
  return { send, running: job.running, panel: <OwnerLinkPanel job={job} /> };
}

function OwnerLinkPanel({ job }: { job: JobHandle }) {
  const l = job.ownerLink;
  if (!l) return null;
  return (
    <section class="owner-link" id="owner-link-panel" aria-live="polite">
      <h2>A sign-in link for {l.email}</h2>
      <p>
        Send this link to {l.email} by email or chat. They open it on their own computer and sign in
        with their Microsoft account. At the very end their browser may say the page cannot be
        reached: by then the mailbox is connected, and they can close it.
      </p>
      <p class="with-copy"><code id="owner-link">{l.url}</code><CopyButton value={l.url} label="sign-in link" id="copy-owner-link" /></p>
      <p class="hint" role="status">
        Waiting for them to sign in (up to {Math.round(Number(l.wait_secs) / 60)} minutes). The link keeps working after
        that: test the mailbox once they say they have signed in.
      </p>
      <div class="actions start"><button id="stop-owner-link" onClick={job.cancel}>Stop waiting</button></div>
    </section>
  );
}
