/** Logs in as a browser does (Auth.js credentials) and returns the session cookie. */
export async function browserLogin(srv: { url: string }, email: string, password: string, userAgent?: string): Promise<string | null> {
  const csrf = await fetch(`${srv.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${srv.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookie,
      ...(userAgent ? { "user-agent": userAgent } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  return session ? session.split(";")[0]! : null;
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
