import type { TestServer } from "./test-server";

/** Logs in as a browser does (Auth.js credentials) and returns the session cookie. */
export async function browserLogin(srv: TestServer, email: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${srv.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${srv.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  return session ? session.split(";")[0]! : null;
}
