"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState } from "react";

const REASONS: Record<string, string> = {
  rate_limited: "Too many failed log-ins, try again later",
};

export function LoginForm() {
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
        setError(REASONS[r.code ?? ""] ?? "Wrong email or password");
        setBusy(false);
        return;
      }
      // A full load: the chat starts fresh for this user.
      window.location.assign("/c");
    } catch {
      setError("Cannot reach the server, try again");
      setBusy(false);
    }
  }

  return (
    <form className="auth-card" onSubmit={onSubmit} noValidate>
      <h1>Log in</h1>
      <label className="field">
        <span>Email</span>
        <input name="email" type="email" autoComplete="email" required autoFocus />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        Log in
      </button>
      <p className="auth-switch">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </form>
  );
}
