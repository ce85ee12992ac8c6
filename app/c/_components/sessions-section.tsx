"use client";
import { useCallback, useEffect, useId, useState } from "react";
import { endSession, listSessions, logOutEverywhere } from "@/app/_client/sessions";
import { describeUserAgent } from "@/app/_client/user-agent";
import type { SessionView } from "@/lib/contract/models";
import { formatLastSeen } from "./format-time";

/**
 * Where the user is signed in: each browser log-in and bearer token, with a way to end any of
 * them (its open connections close at once) or all of them.
 */
export function SessionsSection() {
  const headingId = useId();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setSessions(await listSessions());
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not load your sessions");
    }
  }, []);
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
      setError(err instanceof Error ? err.message : "That did not work");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sessions" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        Sessions
      </h3>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {sessions === null && !error && <p className="picker-empty">Loading…</p>}
      {sessions && (
        <ul className="session-list" aria-labelledby={headingId}>
          {sessions.map((s) => (
            <li key={s.id} className="session-item">
              <div className="member-text">
                <span className="member-name">
                  {describeUserAgent(s.userAgent)}
                  {s.current && <span className="session-current"> · This device</span>}
                </span>
                <span className="member-meta">
                  <span>{s.kind === "browser" ? "Browser" : "API token"}</span>
                  <span>{lastUsed(s.lastUsedAt)}</span>
                </span>
              </div>
              <button type="button" className="button small danger-subtle" disabled={busy} onClick={() => act(() => endSession(s))}>
                End session
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="button danger" disabled={busy} onClick={() => act(logOutEverywhere)}>
          Log out everywhere
        </button>
      </div>
    </section>
  );
}

function lastUsed(iso: string): string {
  return formatLastSeen(iso).replace(/^last seen/, "Last used");
}
