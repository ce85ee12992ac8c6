// SIGNUP_MODE: invite (a code made by a member; single-use by default, or a use count;
// expiring) and closed (nobody signs up). Open is every other test file's default.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "../support/seed";
import { api, startTestServer, type TestServer, type TestUser } from "../support/test-server";

const account = (name: string, extra: Record<string, unknown> = {}) => ({
  email: `${name.toLowerCase()}.${Math.random().toString(36).slice(2, 8)}@example.test`,
  name,
  password: "correct horse battery",
  ...extra,
});

describe("SIGNUP_MODE=invite", () => {
  let srv: TestServer;
  let member: TestUser;
  beforeAll(async () => {
    srv = await startTestServer({ SIGNUP_MODE: "invite" });
    [member] = (await seedUsers(srv, 1, "Member")) as [TestUser];
  });
  afterAll(() => srv?.stop());
  const invite = async (body?: unknown) => api(srv, "POST", "/api/invites", { token: member.token, ...(body ? { body } : {}) });

  it("tells clients the mode", async () => {
    expect((await api(srv, "GET", "/api/config")).body).toEqual({ signupMode: "invite" });
  });

  it("refuses a sign-up without a code (403) or with a wrong one", async () => {
    const none = await api(srv, "POST", "/api/users", { body: account("Nocode") });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe("forbidden");
    const wrong = await api(srv, "POST", "/api/users", { body: account("Wrong", { inviteCode: "not-a-real-code" }) });
    expect(wrong.status).toBe(403);
    const malformed = await api(srv, "POST", "/api/users", { body: account("Bad", { inviteCode: "x".repeat(500) }) });
    expect(malformed.status).toBe(400);
    expect(await srv.app.services.db.user.count()).toBe(1);
  });

  it("lets a member make a link whose code works exactly once", async () => {
    expect((await api(srv, "POST", "/api/invites")).status).toBe(401);
    const made = await invite();
    expect(made.status).toBe(201);
    const { code, url, expiresAt } = made.body.invite;
    expect(code).toMatch(/^[\w-]{20,}$/);
    expect(new URL(url).pathname).toBe("/signup");
    expect(new URL(url).searchParams.get("invite")).toBe(code);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    const first = await api(srv, "POST", "/api/users", { body: account("Invited", { inviteCode: code }) });
    expect(first.status).toBe(201);
    expect(first.body.user.name).toBe("Invited");
    const again = await api(srv, "POST", "/api/users", { body: account("Second", { inviteCode: code }) });
    expect(again.status).toBe(403);
  });

  it("gives the use back when the sign-up fails, and honours a use count", async () => {
    const { code } = (await invite({ maxUses: 2 })).body.invite;
    const taken = await api(srv, "POST", "/api/users", { body: { ...account("Dup"), email: member.email, inviteCode: code } });
    expect(taken.status).toBe(409);
    expect((await api(srv, "POST", "/api/users", { body: account("One", { inviteCode: code }) })).status).toBe(201);
    expect((await api(srv, "POST", "/api/users", { body: account("Two", { inviteCode: code }) })).status).toBe(201);
    expect((await api(srv, "POST", "/api/users", { body: account("Three", { inviteCode: code }) })).status).toBe(403);
  });

  it("refuses an expired code", async () => {
    const { code } = (await invite()).body.invite;
    await srv.app.services.db.invite.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api(srv, "POST", "/api/users", { body: account("Late", { inviteCode: code }) })).status).toBe(403);
  });

  it("lets two sign-ups race for a single-use code and only one win", async () => {
    const { code } = (await invite()).body.invite;
    const both = await Promise.all([0, 1].map((i) => api(srv, "POST", "/api/users", { body: account(`Racer${i}`, { inviteCode: code }) })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 403]);
  });
});

describe("SIGNUP_MODE=closed", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ SIGNUP_MODE: "closed" });
  });
  afterAll(() => srv?.stop());

  it("refuses every sign-up with 403 and makes no invites", async () => {
    expect((await api(srv, "GET", "/api/config")).body).toEqual({ signupMode: "closed" });
    const r = await api(srv, "POST", "/api/users", { body: account("Nobody") });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forbidden");
    const [u] = (await seedUsers(srv, 1, "Existing")) as [TestUser];
    expect((await api(srv, "POST", "/api/invites", { token: u.token })).status).toBe(403);
    // Existing accounts still log in.
    expect((await api(srv, "GET", "/api/me", { token: u.token })).status).toBe(200);
  });
});

describe("SIGNUP_MODE=open", () => {
  it("makes no invites", async () => {
    const srv = await startTestServer();
    try {
      expect((await api(srv, "GET", "/api/config")).body).toEqual({ signupMode: "open" });
      const [u] = (await seedUsers(srv, 1, "Open")) as [TestUser];
      expect((await api(srv, "POST", "/api/invites", { token: u.token })).status).toBe(403);
    } finally {
      await srv.stop();
    }
  });
});
