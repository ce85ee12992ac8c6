import type { TestServer } from "./test-server";

/** Logs in as a browser does (Auth.js credentials) and returns the session cookie. */
export async function browserLogin(srv: TestServer, email: string, password: string, headers: Record<string, string> = {}): Promise<string | null> {
  return (await browserLoginResponse(srv, email, password, headers)).cookie;
}

/** The same, with where Auth.js sends the browser next (its log-in page with `code=...` on refusal). */
export async function browserLoginResponse(srv: TestServer, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${srv.url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${srv.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  return { cookie: session ? session.split(";")[0]! : null, location: res.headers.get("location") ?? "" };
}
