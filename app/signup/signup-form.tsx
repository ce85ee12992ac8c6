"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError, api } from "@/app/_client/api";
import { LIMITS } from "@/lib/contract/limits";
import type { SignupMode } from "@/lib/contract/models";

/** `inviteCode`: from the invite link (/signup?invite=CODE); sent with the sign-up. */
export function SignupForm({ mode, inviteCode }: { mode: SignupMode; inviteCode?: string }) {
  const t = useTranslations("auth");
  const te = useTranslations("errors");
  const tc = useTranslations("common");
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    const fail = (message: string) => {
      setError(message);
      setBusy(false);
    };
    try {
      await api("POST /api/users", { body: { email, name, password, ...(inviteCode ? { inviteCode } : {}) } });
    } catch (err) {
      if (err instanceof ApiError && err.code !== "network") return fail(locale === "en" ? capitalize(err.message) : te(err.code));
      return fail(tc("cannotReach"));
    }
    try {
      const r = await signIn("credentials", { email, password, redirect: false });
      if (r.error) return fail(t("createdButLoginFailed"));
      window.location.assign("/c");
    } catch {
      fail(tc("cannotReach"));
    }
  }

  return (
    <form className="auth-card" onSubmit={onSubmit} noValidate>
      <h1>{t("signupTitle")}</h1>
      {mode === "closed" && <p className="auth-note">{t("signupClosed")}</p>}
      {mode === "invite" && !inviteCode && (
        <p className="auth-note">{t("signupInviteOnly")}</p>
      )}
      <label className="field">
        <span>{t("email")}</span>
        <input name="email" type="email" autoComplete="email" required autoFocus />
      </label>
      <label className="field">
        <span>{t("name")}</span>
        <input name="name" type="text" autoComplete="name" required maxLength={LIMITS.nameMaxChars} />
      </label>
      <div className="field">
        <label htmlFor="signup-password">{t("password")}</label>
        <input
          id="signup-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMinChars}
          aria-describedby="password-hint"
        />
        <small id="password-hint">{t("passwordHint", { count: LIMITS.passwordMinChars })}</small>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {t("signUp")}
      </button>
      <p className="auth-switch">
        {t("haveAccount")} <Link href="/login">{t("logIn")}</Link>
      </p>
    </form>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
