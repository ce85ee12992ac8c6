/** Logs in as a browser does (Auth.js credentials) and returns the session cookie. */
export async function browserLogin(srv: { url: string }, email: string, password: string, headers: Record<string, string> = {}): Promise<string | null> {
  return (await browserLoginResponse(srv, email, password, headers)).cookie;
}

/** The same, with where Auth.js sends the browser next (its log-in page with `code=...` on refusal). */
export async function browserLoginResponse(srv: { url: string }, email: string, password: string, headers: Record<string, string> = {}) {
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

/** Logs out as the browser's "Log out" does (Auth.js signOut); answers the HTTP status. */
export async function browserLogout(srv: { url: string }, cookie: string): Promise<number> {
  const csrf = await fetch(`${srv.url}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${srv.url}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}` },
    body: new URLSearchParams({ csrfToken }),
  });
  return res.status;
}
