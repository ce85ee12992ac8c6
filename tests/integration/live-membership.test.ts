// Membership is live for every socket: a member removed while their device connects never gets
// the channel; presence subscriptions end with the last shared channel; only owners remove owners.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Message, PresenceState } from "../../lib/contract/models";
import {
  api,
  call,
  type ClientSocket,
  closeAllDevices,
  connectDevice,
  record,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
  waitFor,
} from "../support/test-server";

let srv: TestServer;
let owner: TestUser, member: TestUser, admin: TestUser, watcher: TestUser, subject: TestUser, stayer: TestUser;

beforeAll(async () => {
  // The removal race connects one user many times at once: past the default connections per user.
  srv = await startTestServer({ MESSAGE_RATE_LIMIT: "10000", MAX_CONNECTIONS_PER_USER: "1000", PRESENCE_GRACE_MS: "400", PRESENCE_SWEEP_MS: "200" });
  [owner, member, admin, watcher, subject, stayer] = (await Promise.all(
    ["Owner", "Member", "Admin", "Watcher", "Subject", "Stayer"].map((n) => signUp(srv, n)),
  )) as TestUser[] as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
});
afterAll(() => srv?.stop());
afterEach(() => closeAllDevices());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newGroup = async (by: TestUser, members: TestUser[], name = "g") => {
  const r = await api(srv, "POST", "/api/channels", { token: by.token, body: { kind: "group", name, memberIds: members.map((m) => m.id) } });
  expect(r.status).toBe(201);
  return r.body.channel as Channel;
};

describe("live membership", () => {
  it("a member removed while their device connects never gets a later message of that channel", async () => {
    const o = await connectDevice(srv, { token: owner.token });
    const ownerGot = record(o, "message");
    const devices: ClientSocket[] = [];
    const groups: string[] = [];
    const ROUNDS = Number(process.env.RACE_ROUNDS ?? 8);
    const PARALLEL = 8;
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          const g = await newGroup(owner, [member]);
          groups.push(g.id);
          // Both start at once, each after a random pause: the removal lands anywhere in the handshake.
          const [d] = await Promise.all([
            sleep(Math.random() * 12).then(() => connectDevice(srv, { token: member.token })),
            sleep(Math.random() * 12).then(async () => {
              const r = await api(srv, "DELETE", `/api/channels/${g.id}/members/${member.id}`, { token: owner.token });
              expect(r.status).toBe(204);
            }),
          ]);
          devices.push(d);
        }),
      );
    }
    const leaked: Message[] = [];
    for (const d of devices) d.on("message", (m) => groups.includes(m.channelId) && leaked.push(m));
    const acks = await Promise.all(groups.map((id) => call(o, "message:send", { channelId: id, clientMsgId: randomUUID(), body: "after" })));
    expect(acks.every((a) => a.ok)).toBe(true);
    await waitFor(() => ownerGot.filter((m) => groups.includes(m.channelId)).length === groups.length, 5000, "owner's copies");
    await sleep(300);
    expect(leaked.map((m) => m.channelId)).toEqual([]);
  }, 120_000);

  it("a presence subscription ends when the two no longer share a channel", async () => {
    const g = await newGroup(owner, [watcher, subject, stayer], "presence");
    const [w, st] = await Promise.all([connectDevice(srv, { token: watcher.token }), connectDevice(srv, { token: stayer.token })]);
    for (const d of [w, st]) expect((await call(d, "presence:subscribe", { userIds: [subject.id] })).ok).toBe(true);
    // The subject's devices from the test before are gone, but their "offline" may still be due
    // (after the grace period): wait for it, so that whatever the watcher hears next is news.
    for (let end = Date.now() + 10_000; ; await sleep(100)) {
      const [now] = (await call(w, "presence:subscribe", { userIds: [subject.id] })).presence ?? [];
      if (now?.online === false) break;
      if (Date.now() > end) throw new Error("the subject is still online from the test before");
    }
    const watcherSees = record(w, "presence");
    const stayerSees = record(st, "presence");
    // The watcher leaves the only channel they share with the subject.
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${watcher.id}`, { token: watcher.token })).status).toBe(204);
    const s = await connectDevice(srv, { token: subject.token }); // the subject comes online
    const about = (ev: PresenceState[]) => ev.filter((p) => p.userId === subject.id);
    await waitFor(() => about(stayerSees).some((p) => p.online), 5000, "the stayer hears the subject");
    s.disconnect();
    await waitFor(() => about(stayerSees).some((p) => !p.online), 5000, "the stayer hears the subject leave");
    await sleep(200);
    expect(about(watcherSees)).toEqual([]);
    // Subscribing again answers nothing of them.
    expect((await call(w, "presence:subscribe", { userIds: [subject.id] })).presence).toEqual([]);
  });

  it("an admin cannot remove an owner (403); an owner can", async () => {
    const g = await newGroup(owner, [admin, member, stayer], "roles");
    expect((await api(srv, "PATCH", `/api/channels/${g.id}/members/${admin.id}`, { token: owner.token, body: { role: "admin" } })).status).toBe(204);
    const r = await api(srv, "DELETE", `/api/channels/${g.id}/members/${owner.id}`, { token: admin.token });
    expect([r.status, r.body.error.code]).toEqual([403, "forbidden"]);
    expect(await srv.app.services.db.membership.count({ where: { channelId: g.id } })).toBe(4);
    // An admin still removes a member; an owner removes an admin.
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${member.id}`, { token: admin.token })).status).toBe(204);
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${admin.id}`, { token: owner.token })).status).toBe(204);
  });
});
