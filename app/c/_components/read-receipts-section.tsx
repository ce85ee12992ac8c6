"use client";
import { useId, useState } from "react";
import { knownReadReceipts, setReadReceipts } from "@/app/_client/notification-settings";

/** Settings › Privacy: whether others see how far the user has read (read receipts). */
export function ReadReceiptsSection() {
  const headingId = useId();
  const noteId = useId();
  const [on, setOn] = useState(knownReadReceipts);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(next: boolean) {
    setBusy(true);
    setError(null);
    setOn(next);
    try {
      setOn(await setReadReceipts(next));
    } catch (err) {
      setOn(!next);
      setError(err instanceof Error ? err.message : "Could not change the setting");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        Privacy
      </h3>
      <label className="checkbox-row">
        <input type="checkbox" checked={on} aria-busy={busy || undefined} aria-describedby={noteId} onChange={(e) => void change(e.target.checked)} />
        Send read receipts
      </label>
      <p id={noteId} className="settings-note">
        When off, others do not see when you have read their messages. Your own devices still share what you have read.
      </p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
