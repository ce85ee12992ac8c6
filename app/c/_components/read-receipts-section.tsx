"use client";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/app/_client/use-error-text";
import { knownReadReceipts, myReadReceipts, setReadReceipts } from "@/app/_client/notification-settings";

/** Settings › Privacy: whether others see how far the user has read (read receipts). */
export function ReadReceiptsSection() {
  const t = useTranslations("settings");
  const errorText = useErrorText();
  const headingId = useId();
  const noteId = useId();
  const [on, setOn] = useState(knownReadReceipts);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const touched = useRef(false);
  // This browser's last guess first, then the server's answer (the setting may have changed elsewhere).
  useEffect(() => {
    let current = true;
    myReadReceipts()
      .then((server) => current && !touched.current && setOn(server))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, []);

  async function change(next: boolean) {
    touched.current = true;
    setBusy(true);
    setError(null);
    setOn(next);
    try {
      setOn(await setReadReceipts(next));
    } catch (err) {
      setOn(!next);
      setError(errorText(err, t("couldNotChange")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        {t("privacy")}
      </h3>
      <label className="checkbox-row">
        <input type="checkbox" checked={on} aria-busy={busy || undefined} aria-describedby={noteId} onChange={(e) => void change(e.target.checked)} />
        {t("sendReadReceipts")}
      </label>
      <p id={noteId} className="settings-note">
        {t("readReceiptsNote")}
      </p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
