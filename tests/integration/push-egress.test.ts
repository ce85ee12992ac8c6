// Push endpoints cannot be aimed inside the server's network (SSRF): subscribing refuses them,
// and sending re-checks the address it connects to. A loopback fake push service stands in for
// "inside": with PUSH_ALLOW_PRIVATE_ENDPOINTS off (the default) it must never be contacted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePushService } from "../support/fake-push-service";
import { api, call, closeAllDevices, connectDevice, signUp, startTestServer, type TestServer, type TestUser } from "../support/test-server";

let push: Awaited<ReturnType<typeof startFakePushService>>;
let srv: TestServer;
let ann: TestUser, bea: TestUser;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  push = await startFakePushService();
  // The service's certificate is trusted: only the address check can keep the server away from it.
  srv = await startTestServer({}, { pushCa: push.ca });
  [ann, bea] = (await Promise.all([signUp(srv, "Ann"), signUp(srv, "Bea")])) as [TestUser, TestUser];
});
afterAll(async () => {
  closeAllDevices();
  await srv?.stop();
  await push?.stop();
});

describe("push endpoints", () => {
  const keys = () => push.subscribe().json.keys;
  const port = () => new URL(push.subscribe().json.endpoint).port;

  it.each([
    ["plain http", "http://push.example.com/send/1"],
    ["localhost", "https://localhost:PORT/push/x"],
    ["loopback", "https://127.0.0.1:PORT/push/x"],
    ["loopback in another spelling", "https://2130706433/push/x"],
    ["a private address", "https://10.1.2.3/push/x"],
    ["a 192.168 address", "https://192.168.0.10/push/x"],
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data"],
    ["IPv6 loopback", "https://[::1]:PORT/push/x"],
    ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/push/x"],
    ["CGNAT", "https://100.64.0.1/push/x"],
    ["a name that does not resolve", "https://no-such-host.invalid/push/x"],
  ])("refuses %s with 400 invalid", async (_what, endpoint) => {
    const r = await api(srv, "POST", "/api/push/subscriptions", {
      token: bea.token,
      body: { endpoint: endpoint.replace("PORT", port()), keys: keys() },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid");
  });

  it("never contacts a private endpoint stored in the database, by address or by a name resolving to one", async () => {
    const byAddress = push.subscribe();
    const byName = push.subscribe();
    const nameEndpoint = byName.json.endpoint.replace("127.0.0.1", "localhost");
    const { db } = srv.app.services;
    await db.pushSubscription.createMany({
      data: [
        { userId: bea.id, endpoint: byAddress.json.endpoint, ...byAddress.json.keys },
        { userId: bea.id, endpoint: nameEndpoint, ...byName.json.keys },
      ],
    });
    const ch = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "direct", memberIds: [bea.id] } })).body.channel.id;
    const dev = await connectDevice(srv, { token: ann.token });
    expect((await call(dev, "message:send", { channelId: ch, clientMsgId: randomUUID(), body: "ping" })).ok).toBe(true);
    // Refused endpoints are dropped: that is the sign the sender looked at them.
    for (let i = 0; i < 200 && (await db.pushSubscription.count({ where: { userId: bea.id } })) > 0; i++) await sleep(25);
    expect(await db.pushSubscription.count({ where: { userId: bea.id } })).toBe(0);
    await sleep(200);
    expect(push.received).toEqual([]);
    expect(push.problems).toEqual([]);
  });
});

describe("push subscriptions per user", () => {
  it("are limited by MAX_PUSH_SUBSCRIPTIONS_PER_USER", async () => {
    const local = await startTestServer({ PUSH_ALLOW_PRIVATE_ENDPOINTS: "1", MAX_PUSH_SUBSCRIPTIONS_PER_USER: "2" });
    try {
      const u = await signUp(local, "Devices");
      const save = (json: unknown) => api(local, "POST", "/api/push/subscriptions", { token: u.token, body: json });
      const [one, two, three] = [push.subscribe().json, push.subscribe().json, push.subscribe().json];
      expect((await save(one)).status).toBe(201);
      expect((await save(two)).status).toBe(201);
      const refused = await save(three);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe("rate_limited");
      // Saving one it already has is not a new device.
      expect((await save(one)).status).toBe(201);
      expect((await api(local, "DELETE", "/api/push/subscriptions", { token: u.token, body: { endpoint: two.endpoint } })).status).toBe(204);
      expect((await save(three)).status).toBe(201);
      expect(await local.app.services.db.pushSubscription.count({ where: { userId: u.id } })).toBe(2);
    } finally {
      await local.stop();
    }
  });
});
