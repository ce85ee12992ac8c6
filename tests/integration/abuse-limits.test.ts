// Abuse limits on accounts: failed log-ins per client address and per email from one address
// (never per email alone, so a stranger cannot lock the owner out), sign-ups per address, and a
// people search that lists nobody by domain and takes % and _ literally. The app trusts
// 127.0.0.1 as its reverse proxy here, so X-Forwarded-For plays the client's address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserLogin, browserLoginResponse } from "../support/session-cookie";
import { api, signUp, startTestServer, type TestServer, type TestUser } from "../support/test-server";

let srv: TestServer;
const PASSWORD = "correct horse battery";
const from = (ip: string) => ({ "x-forwarded-for": ip });
const logIn = (email: string, password: string, ip: string) =>
  api(srv, "POST", "/api/tokens", { body: { email, password }, headers: from(ip) });

beforeAll(async () => {
  srv = await startTestServer({
    TRUSTED_PROXIES: "127.0.0.1,::1",
    LOGIN_MAX_FAILURES: "3",
    LOGIN_MAX_FAILURES_PER_IP: "6",
    SIGNUP_MAX_PER_IP: "3",
    SIGNUP_WINDOW_SECONDS: "3600",
  });
});
afterAll(() => srv?.stop());

const newAccount = async (name: string, ip: string) => {
  const email = `${name.toLowerCase().replace(/\W/g, "")}.${Math.random().toString(36).slice(2, 8)}@example.test`;
  const r = await api(srv, "POST", "/api/users", { body: { email, name, password: PASSWORD }, headers: from(ip) });
  return { ...r, email };
};

describe("failed log-ins", () => {
  it("limit one email from one address with 429 and Retry-After; the owner elsewhere still logs in", async () => {
    const owner = await newAccount("Owner", "198.51.100.10");
    expect(owner.status).toBe(201);
    const attacker = "203.0.113.66";
    for (let i = 0; i < 3; i++) expect((await logIn(owner.email, "wrong guess", attacker)).status).toBe(401);
    const limited = await logIn(owner.email, PASSWORD, attacker);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    // The real owner, from their own address, is not locked out by the attacker's failures.
    expect((await logIn(owner.email, PASSWORD, "198.51.100.10")).status).toBe(200);
    expect(await browserLogin(srv, owner.email, PASSWORD, from("198.51.100.10"))).toMatch(/^authjs\.session-token=/);
  });

  it("limit one address across emails", async () => {
    const a = await newAccount("Spray", "198.51.100.11");
    const sprayer = "203.0.113.77";
    // Two failures per email (under the per-email limit of 3), six in all from one address.
    for (let i = 0; i < 6; i++) {
      expect((await logIn(`victim${i % 3}@example.test`, "wrong guess", sprayer)).status).toBe(401);
    }
    const limited = await logIn(a.email, PASSWORD, sprayer);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await logIn(a.email, PASSWORD, "203.0.113.78")).status).toBe(200);
  });

  it("count browser (Auth.js) log-ins the same way", async () => {
    const u = await newAccount("Browser", "198.51.100.12");
    const attacker = "203.0.113.88";
    for (let i = 0; i < 3; i++) expect(await browserLogin(srv, u.email, "wrong guess", from(attacker))).toBeNull();
    const refused = await browserLoginResponse(srv, u.email, PASSWORD, from(attacker));
    expect(refused.cookie).toBeNull();
    expect(refused.location).toContain("code=rate_limited");
    // Failures in the browser count for the API too, and the owner's address is unaffected.
    expect((await logIn(u.email, PASSWORD, attacker)).status).toBe(429);
    expect(await browserLogin(srv, u.email, PASSWORD, from("198.51.100.12"))).toMatch(/^authjs\.session-token=/);
  });

  it("believe X-Forwarded-For only from a trusted proxy", async () => {
    const plain = await startTestServer({ LOGIN_MAX_FAILURES: "2" });
    try {
      const u = await signUp(plain, "Direct");
      // Without TRUSTED_PROXIES the address is the socket's (127.0.0.1) whatever the header says.
      for (let i = 0; i < 2; i++) {
        const r = await api(plain, "POST", "/api/tokens", { body: { email: u.email, password: "nope nope" }, headers: from(`192.0.2.${i}`) });
        expect(r.status).toBe(401);
      }
      const r = await api(plain, "POST", "/api/tokens", { body: { email: u.email, password: PASSWORD }, headers: from("192.0.2.200") });
      expect(r.status).toBe(429);
    } finally {
      await plain.stop();
    }
  });
});

describe("sign-ups", () => {
  it("are limited per address with 429 and Retry-After", async () => {
    const ip = "203.0.113.99";
    for (let i = 0; i < 3; i++) expect((await newAccount(`Many${i}`, ip)).status).toBe(201);
    const refused = await newAccount("Many3", ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await srv.app.services.db.user.count({ where: { email: refused.email } }))).toBe(0);
    // Another address is not affected.
    expect((await newAccount("Elsewhere", "203.0.113.100")).status).toBe(201);
  });
});

describe("people search", () => {
  let me: TestUser;
  let zed: { email: string; status: number };
  beforeAll(async () => {
    const names = ["Percy 100% Real", "Under_Score", "Minji Kim"];
    for (const [i, name] of names.entries()) expect((await newAccount(name, `198.51.100.${50 + i}`)).status).toBe(201);
    zed = await newAccount("Zed", "198.51.100.60");
    expect(zed.status).toBe(201);
    const token = (await logIn(zed.email, PASSWORD, "198.51.100.60")).body.token as string;
    me = { id: "", name: "Zed", email: zed.email, token };
  });
  const find = async (q: string) => {
    const r = await api(srv, "GET", `/api/users?q=${encodeURIComponent(q)}`, { token: me.token });
    expect(r.status).toBe(200);
    return (r.body.users as { name: string }[]).map((u) => u.name).sort();
  };

  it("takes % and _ as plain characters", async () => {
    expect(await find("%")).toEqual([]);
    expect(await find("_")).toEqual([]);
    expect(await find("%e")).toEqual([]);
    expect(await find("Under_")).toEqual(["Under_Score"]);
    expect(await find("Undera")).toEqual([]);
    expect(await find("U_der")).toEqual([]);
    expect(await find("100%")).toEqual(["Percy 100% Real"]);
    expect(await find("100_")).toEqual([]);
  });

  it("matches names by prefix of the name or of a word in it", async () => {
    expect(await find("minji")).toEqual(["Minji Kim"]);
    expect(await find("kim")).toEqual(["Minji Kim"]);
    expect(await find("im")).toEqual([]);
  });

  it("finds an email only when q is the whole address, and lists nobody by domain", async () => {
    expect(await find("@example.test")).toEqual([]);
    expect(await find("example.test")).toEqual([]);
    expect(await find(zed.email.split("@")[0]!)).toEqual([]);
    expect(await find(zed.email.slice(0, -1))).toEqual([]);
    expect(await find(zed.email.toUpperCase())).toEqual(["Zed"]);
    expect(await find("")).toEqual([]);
  });
});
