"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

export function LoginForm() {
  const t = useTranslations("auth");
  const tc = useTranslations("common");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const r = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (r.error) {
        setError(r.code === "rate_limited" ? t("tooManyLogins") : t("wrongPassword"));
        setBusy(false);
        return;
      }
      // A full load: the chat starts fresh for this user.
      window.location.assign("/c");
    } catch {
      setError(tc("cannotReach"));
      setBusy(false);
    }
  }

  return (
    <form className="auth-card" onSubmit={onSubmit} noValidate>
      <h1>{t("logIn")}</h1>
      <label className="field">
        <span>{t("email")}</span>
        <input name="email" type="email" autoComplete="email" required autoFocus />
      </label>
      <label className="field">
        <span>{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {t("logIn")}
      </button>
      <p className="auth-switch">
        {t("newHere")} <Link href="/signup">{t("createAccount")}</Link>
      </p>
    </form>
  );
}
