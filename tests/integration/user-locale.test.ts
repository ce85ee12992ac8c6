// The user's language for what the server writes with no request at hand (push notifications):
// taken from the browser at sign-up (locale cookie, else Accept-Language), changed by PATCH /api/me.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePushService } from "../support/fake-push-service";
import { api, call, type ClientSocket, closeAllDevices, connectDevice, signUp, startTestServer, type TestServer, type TestUser, waitFor } from "../support/test-server";

let srv: TestServer;
let push: Awaited<ReturnType<typeof startFakePushService>>;
let ann: TestUser;
let annDevice: ClientSocket;

beforeAll(async () => {
  push = await startFakePushService();
  srv = await startTestServer({ PUSH_ALLOW_PRIVATE_ENDPOINTS: "1" }, { pushCa: push.ca });
  ann = await signUp(srv, "Ann");
  annDevice = await connectDevice(srv, { token: ann.token });
});
afterAll(async () => {
  closeAllDevices();
  await srv?.stop();
  await push?.stop();
});

/** Signs up with these request headers; returns the user and a bearer token. */
async function signUpWith(name: string, headers: Record<string, string>) {
  const email = `${name.toLowerCase()}.${randomUUID()}@example.test`;
  const password = "correct horse battery";
  const created = await api(srv, "POST", "/api/users", { body: { email, name, password }, headers });
  expect(created.status).toBe(201);
  const token = (await api(srv, "POST", "/api/tokens", { body: { email, password } })).body.token as string;
  return { id: created.body.user.id as string, token };
}

/** Ann writes in a group with `to`; the payload `to`'s subscription receives. */
async function notificationFor(to: { id: string; token: string }) {
  const sub = push.subscribe();
  expect((await api(srv, "POST", "/api/push/subscriptions", { token: to.token, body: sub.json })).status).toBe(201);
  const group = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "group", name: "Crew", memberIds: [to.id] } })).body.channel.id;
  await call(annDevice, "message:send", { channelId: group, clientMsgId: randomUUID(), body: "hello" });
  await waitFor(() => push.received.some((r) => r.subscription === sub.id), 5000, "push");
  return push.received.find((r) => r.subscription === sub.id)!.payload as { title: string; body: string };
}

describe("the user's language", () => {
  it("comes from Accept-Language at sign-up: a Korean browser gets Korean notifications", async () => {
    const minsu = await signUpWith("Minsu", { "accept-language": "ko-KR,ko;q=0.9,en;q=0.8" });
    expect((await api(srv, "PATCH", "/api/me", { token: minsu.token, body: { notificationPreviews: false } })).body.user.locale).toBe("ko");
    expect(await notificationFor(minsu)).toMatchObject({ title: "Ann (Crew)", body: "새 메시지" });
  });

  it("the locale cookie wins over Accept-Language; PATCH /api/me changes it and refuses unknown languages", async () => {
    const bea = await signUpWith("Bea", { "accept-language": "ko-KR", cookie: "locale=en" });
    const me = await api(srv, "PATCH", "/api/me", { token: bea.token, body: { notificationPreviews: false } });
    expect(me.body.user.locale).toBe("en");
    expect((await api(srv, "PATCH", "/api/me", { token: bea.token, body: { locale: "fr" } })).status).toBe(400);
    expect((await api(srv, "PATCH", "/api/me", { token: bea.token, body: { locale: "ko" } })).body.user.locale).toBe("ko");
    expect(await notificationFor(bea)).toMatchObject({ title: "Ann (Crew)", body: "새 메시지" });
    expect((await api(srv, "PATCH", "/api/me", { token: bea.token, body: { locale: "en" } })).body.user.locale).toBe("en");
    expect(await notificationFor(bea)).toMatchObject({ title: "Ann in Crew", body: "New message" });
  });
});
