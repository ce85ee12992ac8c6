"use client";
import { type FormEvent, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { ApiError } from "@/app/_client/api";
import { changePassword } from "@/app/_client/profile";
import { renewPushSubscription } from "@/app/_client/push-toggle";
import { useErrorText } from "@/app/_client/use-error-text";
import { LIMITS } from "@/lib/contract/limits";

/**
 * Settings › Password. The server then ends every other session and token of the user (this
 * browser stays signed in) and drops every push subscription: this device registers its own
 * again. `onChanged` lets the Sessions list show what is left.
 */
export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const t = useTranslations("settings");
  const errorText = useErrorText();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (!current) return setError(t("enterCurrentPassword"));
    if (next.length < LIMITS.passwordMinChars) return setError(t("passwordTooShort", { min: LIMITS.passwordMinChars }));
    if (next !== again) return setError(t("passwordsDiffer"));
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setCurrent("");
      setNext("");
      setAgain("");
      setDone(true);
      onChanged();
      void renewPushSubscription();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 ? t("wrongPassword") : errorText(err, t("couldNotChangePassword")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="section-title">
        {t("password")}
      </h3>
      <form className="password-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-current`}>{t("currentPassword")}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t("newPassword")}</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-hint`}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <small id={`${id}-hint`}>{t("passwordHint", { min: LIMITS.passwordMinChars })}</small>
        </div>
        <div className="field">
          <label htmlFor={`${id}-again`}>{t("confirmPassword")}</label>
          <input id={`${id}-again`} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <p role="status" className="settings-note">
          {done ? t("passwordChanged") : ""}
        </p>
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t("changePassword")}
          </button>
        </div>
      </form>
    </section>
  );
}
