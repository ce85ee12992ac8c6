import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserLogin } from "../support/session-cookie";
import { api, signUp, startTestServer, type TestServer } from "../support/test-server";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ LOGIN_MAX_FAILURES: "4" });
});
afterAll(() => srv?.stop());

describe("sign-up", () => {
  it("creates a user and answers {user} with the email for its owner", async () => {
    const r = await api(srv, "POST", "/api/users", { body: { email: "Ada@Example.test", name: "  Ada  ", password: "12345678" } });
    expect(r.status).toBe(201);
    expect(r.body.user).toEqual({ id: expect.any(String), name: "Ada", email: "ada@example.test", avatarUrl: null });
  });

  it("refuses an email taken in any letter case with 409 and changes nothing", async () => {
    const r = await api(srv, "POST", "/api/users", { body: { email: "ADA@example.test", name: "Other", password: "12345678" } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("conflict");
    const login = await api(srv, "POST", "/api/tokens", { body: { email: "ada@example.test", password: "12345678" } });
    expect(login.body.user.name).toBe("Ada");
  });

  it.each([
    [{ email: "not-an-email", name: "X", password: "12345678" }, "email"],
    [{ email: "x1@example.test", name: "   ", password: "12345678" }, "name"],
    [{ email: "x2@example.test", name: "x".repeat(101), password: "12345678" }, "name"],
    [{ email: "x3@example.test", name: "X", password: "1234567" }, "password"],
    [{ email: "x4@example.test", name: "X" }, "password"],
    [[1, 2], ""],
  ])("answers 400 invalid to %j", async (body, field) => {
    const r = await api(srv, "POST", "/api/users", { body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid");
    expect(r.body.error.message).toContain(field);
  });

  it("answers malformed JSON with 400 and a 1 MB body with 413", async () => {
    const bad = await api(srv, "POST", "/api/users", { raw: "{", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid");
    const big = await api(srv, "POST", "/api/users", {
      body: { email: "big@example.test", name: "Big", password: "x".repeat(1_000_000) },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("too_large");
    const after = await api(srv, "POST", "/api/tokens", { body: { email: "big@example.test", password: "x".repeat(8) } });
    expect(after.status).toBe(401);
  });
});

describe("tokens", () => {
  it("issues a bearer token that authenticates GET /api/me", async () => {
    const u = await signUp(srv, "Tokyo");
    const me = await api(srv, "GET", "/api/me", { token: u.token });
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ id: u.id, name: "Tokyo", email: u.email, notificationPreviews: true, readReceipts: true, locale: expect.any(String), avatarUrl: null });
  });

  it("answers 401 for no, malformed or unknown tokens", async () => {
    expect((await api(srv, "GET", "/api/me")).status).toBe(401);
    expect((await api(srv, "GET", "/api/me", { token: "ct_nope" })).status).toBe(401);
    const r = await api(srv, "GET", "/api/me", { headers: { authorization: "Basic abc" } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthenticated");
  });

  it("gives the same 401 for an unknown email and a wrong password", async () => {
    const u = await signUp(srv, "Wendy");
    const wrongPw = await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "wrong password" } });
    const unknown = await api(srv, "POST", "/api/tokens", { body: { email: "nobody@example.test", password: "whatever1" } });
    expect(wrongPw.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrongPw.body).toEqual(unknown.body);
  });

  it("limits failed log-ins per email with 429 and Retry-After, never successful ones before that", async () => {
    const u = await signUp(srv, "Limit");
    for (let i = 0; i < 3; i++) {
      expect((await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "correct horse battery" } })).status).toBe(200);
    }
    for (let i = 0; i < 4; i++) {
      expect((await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "nope nope" } })).status).toBe(401);
    }
    const limited = await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "correct horse battery" } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another email is not affected.
    const other = await signUp(srv, "Other");
    expect((await api(srv, "POST", "/api/tokens", { body: { email: other.email, password: "correct horse battery" } })).status).toBe(200);
  });

  it("shows another user's name but not their email", async () => {
    const a = await signUp(srv, "Alpha");
    const b = await signUp(srv, "Bravo");
    const r = await api(srv, "GET", `/api/users/${b.id}`, { token: a.token });
    expect(r.body.user).toEqual({ id: b.id, name: "Bravo", avatarUrl: null });
    expect((await api(srv, "GET", `/api/users/nope`, { token: a.token })).status).toBe(404);
    const byIds = await api(srv, "GET", `/api/users?ids=${a.id},${b.id},unknown`, { token: a.token });
    expect(byIds.body.users.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await api(srv, "GET", `/api/users?ids=${"x,".repeat(201)}`, { token: a.token })).status).toBe(400);
    const found = await api(srv, "GET", `/api/users?q=brav`, { token: a.token });
    expect(found.body.users.map((x: { id: string }) => x.id)).toContain(b.id);
    expect(found.body.users.every((x: { email?: string; id: string }) => x.email === undefined || x.id === a.id)).toBe(true);
  });
});

describe("ending sessions", () => {
  it("log out everywhere ends every token and browser session", async () => {
    const u = await signUp(srv, "Everywhere");
    const second = (await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "correct horse battery" } })).body.token;
    const cookie = (await browserLogin(srv, u.email, "correct horse battery"))!;
    expect((await api(srv, "POST", "/api/me/logout-all", { token: u.token })).status).toBe(204);
    expect((await api(srv, "GET", "/api/me", { token: u.token })).status).toBe(401);
    expect((await api(srv, "GET", "/api/me", { token: second })).status).toBe(401);
    expect((await api(srv, "GET", "/api/me", { headers: { cookie } })).status).toBe(401);
    const fresh = await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "correct horse battery" } });
    expect((await api(srv, "GET", "/api/me", { token: fresh.body.token })).status).toBe(200);
  });

  it("changing the password needs the current one and ends every other token; the caller's stays", async () => {
    const u = await signUp(srv, "Changer");
    const other = (await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "correct horse battery" } })).body.token;
    const wrong = await api(srv, "PUT", "/api/me/password", { token: u.token, body: { currentPassword: "nope nope", newPassword: "a new password" } });
    expect(wrong.status).toBe(403);
    expect((await api(srv, "PUT", "/api/me/password", { token: u.token, body: { currentPassword: "correct horse battery", newPassword: "short" } })).status).toBe(400);
    expect((await api(srv, "GET", "/api/me", { token: u.token })).status).toBe(200); // nothing changed
    const ok = await api(srv, "PUT", "/api/me/password", { token: u.token, body: { currentPassword: "correct horse battery", newPassword: "a new password" } });
    expect(ok.status).toBe(204);
    expect((await api(srv, "GET", "/api/me", { token: other })).status).toBe(401);
    expect((await api(srv, "GET", "/api/me", { token: u.token })).status).toBe(200);
    expect((await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "correct horse battery" } })).status).toBe(401);
    expect((await api(srv, "POST", "/api/tokens", { body: { email: u.email, password: "a new password" } })).status).toBe(200);
  });
});

describe("browser session (Auth.js credentials)", () => {
  it("logs in through /api/auth and the session cookie authenticates the API", async () => {
    const u = await signUp(srv, "Cookie");
    const cookie = await browserLogin(srv, u.email, "correct horse battery");
    expect(cookie).not.toBeNull();
    const me = await api(srv, "GET", "/api/me", { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(u.id);
  });

  it("sets no session for a wrong password", async () => {
    const u = await signUp(srv, "Cookie2");
    expect(await browserLogin(srv, u.email, "wrong password")).toBeNull();
  });
});
