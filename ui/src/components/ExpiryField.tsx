// The credentials form's secret-expiry field: a duration or the portal's date, with a preview.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import type { AppError } from "../bindings/AppError";
import type { ExpiryReading } from "../bindings/ExpiryReading";
import { DURATIONS, type ExpiryChoice, expiryChoice, expiryText } from "./expiryChoice";

export type { ExpiryChoice };

/**
 * When the client secret expires: the duration chosen in Azure (for a secret made today), or the
 * Expires date as Certificates & secrets shows it, read by the core with a preview in words. A
 * date whose day and month could swap offers both readings; nothing is guessed.
 */
export function ExpiryField({ saved, error, onChange }: {
  saved?: string;
  error: AppError | null;
  onChange: (c: ExpiryChoice) => void;
}) {
  const [choice, setChoice] = useState(saved ? "custom" : "");
  const [typed, setTyped] = useState(saved ?? "");
  const [reading, setReading] = useState<ExpiryReading | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const readFor = useRef<string | null>(null); // the text `reading` belongs to
  const text = expiryText(choice, typed);

  useEffect(() => {
    let current = true;
    setPicked(null);
    api.readExpiry(text).then((r) => {
      if (!current) return;
      readFor.current = text;
      setReading(r);
    }).catch(() => current && setReading(null));
    return () => { current = false; };
  }, [text]);

  const dates = reading?.dates ?? [];
  useEffect(() => {
    onChange(expiryChoice(choice, text, readFor.current, reading, picked));
  }, [choice, text, reading, picked]);

  const mine = error?.field === "secret_expires_on";
  return (
    <fieldset class={`field expiry${mine ? " invalid" : ""}`} aria-describedby={mine ? "secret-expiry-error" : "secret-duration-hint"}>
      <legend>When does the secret expire?</legend>
      <label for="secret-duration">The duration you chose when you added the secret</label>
      <select id="secret-duration" value={choice} aria-invalid={mine || undefined}
        onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
        <option value="">Choose…</option>
        {DURATIONS.map(([days, label]) => <option value={days}>{label}, added today</option>)}
        <option value="custom">Custom, or added earlier: type the Expires date shown</option>
        <option value="unknown">I don't know (no reminder before it expires)</option>
      </select>
      <p class="hint" id="secret-duration-hint">Mailbox Connect reminds you 30 days before the secret expires.</p>
      {choice === "custom" && (
        <div class="field">
          <label for="secret-expires">Expires (as shown in Certificates &amp; secrets)</label>
          <input id="secret-expires" type="text" value={typed} placeholder="for example 5/22/2027" autocomplete="off"
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        </div>
      )}
      {/* While the date is being read, its line is kept, so nothing below it moves under a click. */}
      {text && dates.length === 0 && !reading?.problem && <p class="preview" aria-hidden="true">&nbsp;</p>}
      {dates.length === 1 && (
        <p class="preview" id="expiry-preview" aria-live="polite">Expires on <strong>{dates[0].words}</strong> ({dates[0].from_now}).</p>
      )}
      {dates.length === 2 && (
        <div class="preview" id="expiry-preview" role="radiogroup" aria-label="Which date is it?">
          <p>That date can be read two ways. Which does the portal mean?</p>
          {dates.map((d, i) => (
            <label class="choice">
              <input type="radio" name="expiry-reading" id={`expiry-reading-${i}`} checked={picked === d.iso}
                onChange={() => setPicked(d.iso)} /> {d.words} ({d.from_now})
            </label>
          ))}
        </div>
      )}
      {choice === "custom" && reading?.problem && <p class="hint" id="expiry-problem">{reading.problem}</p>}
      {mine && (
        <p class="field-error" id="secret-expiry-error">
          {error?.message}
          {error?.fix && <span class="field-fix"> {error.fix}</span>}
        </p>
      )}
    </fieldset>
  );
}
