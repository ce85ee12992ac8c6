"use client";
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/app/_client/use-error-text";
import { endSession, listSessions, logOutEverywhere } from "@/app/_client/sessions";
import { describeUserAgent } from "@/app/_client/user-agent";
import type { SessionView } from "@/lib/contract/models";
import { formatLastUsed } from "./format-time";

/**
 * Where the user is signed in: each browser log-in and bearer token, with a way to end any of
 * them (its open connections close at once) or all of them.
 */
export function SessionsSection() {
  const t = useTranslations("settings");
  const tc = useTranslations("common");
  const errorText = useErrorText();
  const headingId = useId();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setSessions(await listSessions());
    } catch (err) {
      setError(errorText(err, t("couldNotLoadSessions")));
    }
  }, [t, errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(change: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await change();
      await load();
    } catch (err) {
      setError(errorText(err, tc("didNotWork")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sessions" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        {t("sessions")}
      </h3>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {sessions === null && !error && <p className="picker-empty">{tc("loading")}</p>}
      {sessions && (
        <ul className="session-list" aria-labelledby={headingId}>
          {sessions.map((s) => (
            <li key={s.id} className="session-item">
              <div className="member-text">
                <span className="member-name">
                  {describeUserAgent(s.userAgent)}
                  {s.current && <span className="session-current">{t("thisDevice")}</span>}
                </span>
                <span className="member-meta">
                  <span>{s.kind === "browser" ? t("browser") : t("apiToken")}</span>
                  <span>{formatLastUsed(s.lastUsedAt)}</span>
                </span>
              </div>
              <button type="button" className="button small danger-subtle" disabled={busy} onClick={() => act(() => endSession(s))}>
                {t("endSession")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="button danger" disabled={busy} onClick={() => act(logOutEverywhere)}>
          {t("logOutEverywhere")}
        </button>
      </div>
    </section>
  );
}
