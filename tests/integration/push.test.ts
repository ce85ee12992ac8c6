import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePushService } from "../support/fake-push-service";
import {
  api,
  call,
  type ClientSocket,
  closeAllDevices,
  connectDevice,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
  waitFor,
} from "../support/test-server";

let srv: TestServer;
let push: Awaited<ReturnType<typeof startFakePushService>>;
let ann: TestUser, bea: TestUser, cal: TestUser;
let group: string;
let annDevice: ClientSocket;

const say = (body: string, channelId = group) => call(annDevice, "message:send", { channelId, clientMsgId: randomUUID(), body });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  push = await startFakePushService();
  srv = await startTestServer({ PUSH_ALLOW_PRIVATE_ENDPOINTS: "1" }, { pushCa: push.ca });
  [ann, bea, cal] = (await Promise.all([signUp(srv, "Ann"), signUp(srv, "Bea"), signUp(srv, "Cal")])) as [TestUser, TestUser, TestUser];
  group = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "group", name: "Crew", memberIds: [bea.id, cal.id] } })).body.channel.id;
  annDevice = await connectDevice(srv, { token: ann.token });
});
afterAll(async () => {
  closeAllDevices();
  await srv?.stop();
  await push?.stop();
});

describe("push notifications", () => {
  it("serves its VAPID public key and validates subscriptions", async () => {
    const key = await api(srv, "GET", "/api/push/vapid-public-key");
    expect(key.body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    const bad = [{}, { endpoint: "http://insecure.example/x", keys: { p256dh: "a", auth: "b" } }, { endpoint: "https://x.example/1", keys: { p256dh: "not base64!", auth: "b" } }];
    for (const body of bad) expect((await api(srv, "POST", "/api/push/subscriptions", { token: bea.token, body })).status).toBe(400);
    expect((await api(srv, "POST", "/api/push/subscriptions", { body: push.subscribe().json })).status).toBe(401);
  });

  it("notifies a member with no device online, with a signed, encrypted payload; not an online member", async () => {
    const beaSub = push.subscribe();
    const calSub = push.subscribe();
    expect((await api(srv, "POST", "/api/push/subscriptions", { token: bea.token, body: beaSub.json })).status).toBe(201);
    expect((await api(srv, "POST", "/api/push/subscriptions", { token: cal.token, body: calSub.json })).status).toBe(201);
    const calDevice = await connectDevice(srv, { token: cal.token }); // Cal is online
    const ack = await say("lunch at noon?");
    await waitFor(() => push.received.some((r) => r.subscription === beaSub.id), 5000, "push to Bea");
    await sleep(300);
    expect(push.problems).toEqual([]);
    const got = push.received.find((r) => r.subscription === beaSub.id)!;
    expect(got.payload).toEqual({
      title: "Ann in Crew",
      body: "lunch at noon?",
      tag: `channel:${group}`,
      url: `/c/${group}/m/${ack.message.seq}`,
      channelId: group,
      seq: ack.message.seq,
    });
    expect(got.vapid.sub).toMatch(/^mailto:/);
    expect(push.received.filter((r) => r.subscription === calSub.id)).toEqual([]); // online: no push
    calDevice.disconnect();
  });

  it("respects mute (except mentions) and the no-preview setting", async () => {
    const beaSub = push.subscribe();
    await api(srv, "POST", "/api/push/subscriptions", { token: bea.token, body: beaSub.json });
    expect((await api(srv, "PUT", `/api/channels/${group}/mute`, { token: bea.token, body: { muted: true } })).status).toBe(200);
    expect((await api(srv, "PATCH", "/api/me", { token: bea.token, body: { notificationPreviews: false } })).body.user.notificationPreviews).toBe(false);
    await say("muted chatter");
    await say("@Bea please look");
    await waitFor(() => push.received.some((r) => r.subscription === beaSub.id), 5000, "mention push");
    await sleep(300);
    const mine = push.received.filter((r) => r.subscription === beaSub.id);
    expect(mine.map((r) => r.payload.body)).toEqual(["Mentioned you"]); // no preview, and no push for the muted chatter
    const channels = await api(srv, "GET", "/api/channels", { token: bea.token });
    expect(channels.body.channels.find((c: { id: string }) => c.id === group).muted).toBe(true);
    await api(srv, "PUT", `/api/channels/${group}/mute`, { token: bea.token, body: { muted: false } });
    await api(srv, "PATCH", "/api/me", { token: bea.token, body: { notificationPreviews: true } });
    expect((await api(srv, "PUT", `/api/channels/${group}/mute`, { token: bea.token, body: { muted: "yes" } })).status).toBe(400);
  });

  it("a reply notifies the original's sender like a mention (muted channel, high urgency); edits and reactions never notify", async () => {
    const calSub = push.subscribe();
    await api(srv, "POST", "/api/push/subscriptions", { token: cal.token, body: calSub.json });
    const calDevice = await connectDevice(srv, { token: cal.token });
    const original = await call(calDevice, "message:send", { channelId: group, clientMsgId: randomUUID(), body: "who has the keys?" });
    calDevice.disconnect();
    expect((await api(srv, "PUT", `/api/channels/${group}/mute`, { token: cal.token, body: { muted: true } })).status).toBe(200);
    const chatter = await say("unrelated, muted");
    const edited = await call(annDevice, "message:edit", { channelId: group, seq: chatter.message.seq, body: "unrelated, edited" });
    expect(edited.ok).toBe(true);
    expect((await call(annDevice, "reaction", { channelId: group, seq: original.message.seq, emoji: "🔑", on: true })).ok).toBe(true);
    const reply = await call(annDevice, "message:send", { channelId: group, clientMsgId: randomUUID(), body: "I do", replyTo: original.message.seq });
    expect(reply.ok).toBe(true);
    await waitFor(() => push.received.some((r) => r.subscription === calSub.id), 5000, "reply push");
    await sleep(300);
    const mine = push.received.filter((r) => r.subscription === calSub.id);
    expect(mine.map((r) => [r.payload.seq, r.urgency])).toEqual([[reply.message.seq, "high"]]);
    await api(srv, "PUT", `/api/channels/${group}/mute`, { token: cal.token, body: { muted: false } });
  });

  it("deletes a subscription the push service says is gone (410)", async () => {
    const calSub = push.subscribe();
    await api(srv, "POST", "/api/push/subscriptions", { token: cal.token, body: calSub.json });
    push.markGone(calSub.id);
    await say("anyone?");
    const gone = await waitForGone(calSub.json.endpoint);
    expect(gone).toBe(true);
    expect((await api(srv, "DELETE", "/api/push/subscriptions", { token: cal.token, body: { endpoint: calSub.json.endpoint } })).status).toBe(404);
  });

  it("keeps sending messages fast when the push service hangs", async () => {
    const hang = push.subscribe();
    // An endpoint that accepts the connection and never answers: a dead push service.
    const net = await import("node:net");
    const open: import("node:net").Socket[] = [];
    const sink = net.createServer((c) => open.push(c)).listen(0, "127.0.0.1");
    await new Promise((r) => sink.once("listening", r));
    const endpoint = `https://127.0.0.1:${(sink.address() as { port: number }).port}/push/${hang.id}`;
    await api(srv, "POST", "/api/push/subscriptions", { token: cal.token, body: { ...hang.json, endpoint } });
    expect((await say("wakes the push queue")).ok).toBe(true);
    await waitFor(() => open.length > 0, 5000, "a push request to the dead service");
    // While that request hangs unanswered, sending goes on.
    for (let i = 0; i < 10; i++) expect((await say(`while push hangs ${i}`)).ok).toBe(true);
    expect(open.every((c) => !c.destroyed)).toBe(true);
    open.forEach((c) => c.destroy());
    sink.close();
  });
});

async function waitForGone(endpoint: string) {
  const { db } = srv.app.services;
  for (let i = 0; i < 200; i++) {
    if ((await db.pushSubscription.count({ where: { endpoint } })) === 0) return true;
    await sleep(25);
  }
  return false;
}
