import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Message } from "../../lib/contract/models";
import { seedUsers } from "../support/seed";
import {
  api,
  call,
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
let owner: TestUser, ann: TestUser, ben: TestUser, cid: TestUser;

beforeAll(async () => {
  srv = await startTestServer();
  [owner, ann, ben, cid] = (await Promise.all(["Owner", "Ann", "Ben", "Cid"].map((n) => signUp(srv, n)))) as [
    TestUser,
    TestUser,
    TestUser,
    TestUser,
  ];
});
afterAll(() => srv?.stop());
afterEach(() => closeAllDevices());

const newGroup = async (members: TestUser[], name = "team") => {
  const r = await api(srv, "POST", "/api/channels", { token: owner.token, body: { kind: "group", name, memberIds: members.map((m) => m.id) } });
  expect(r.status).toBe(201);
  return r.body.channel as Channel;
};
const send = (s: Parameters<typeof call>[0], channelId: string, body: string) =>
  call(s, "message:send", { channelId, clientMsgId: randomUUID(), body });

describe("groups", () => {
  it("creates a group with its creator and members, and tells each member's devices", async () => {
    const annDevice = await connectDevice(srv, { token: ann.token });
    const events = record(annDevice, "channel");
    const g = await newGroup([ann, ben]);
    expect(g).toMatchObject({ kind: "group", name: "team", lastSeq: 0 });
    expect([...g.memberIds].sort()).toEqual([owner.id, ann.id, ben.id].sort());
    await waitFor(() => events.length === 1, 5000, "channel event");
    for (const body of [{ kind: "group", name: "", memberIds: [] }, { kind: "group", name: "x".repeat(101), memberIds: [] }, { kind: "group", memberIds: [] }]) {
      expect((await api(srv, "POST", "/api/channels", { token: owner.token, body })).status, JSON.stringify(body)).toBe(400);
    }
  });

  it("adds members live: the new member's devices hear of the channel and get its messages; adding twice changes nothing", async () => {
    const g = await newGroup([ann]);
    const cidDevice = await connectDevice(srv, { token: cid.token });
    const channels = record(cidDevice, "channel");
    const messages = record(cidDevice, "message");
    const r = await api(srv, "POST", `/api/channels/${g.id}/members`, { token: ann.token, body: { userIds: [cid.id] } });
    expect(r.status).toBe(200);
    expect(r.body.channel.memberIds).toContain(cid.id);
    await waitFor(() => channels.length === 1, 5000, "channel event for the new member");
    const annDevice = await connectDevice(srv, { token: ann.token });
    expect((await send(annDevice, g.id, "welcome cid")).ok).toBe(true);
    await waitFor(() => messages.length === 1, 5000, "message to the new member");
    const again = await api(srv, "POST", `/api/channels/${g.id}/members`, { token: ann.token, body: { userIds: [cid.id, cid.id] } });
    expect(again.status).toBe(200);
    expect(again.body.channel.memberIds.filter((id: string) => id === cid.id)).toHaveLength(1);
    expect((await api(srv, "POST", `/api/channels/${g.id}/members`, { token: ann.token, body: { userIds: ["ghost"] } })).status).toBe(400);
    expect((await api(srv, "POST", `/api/channels/${g.id}/members`, { token: ann.token, body: { userIds: [] } })).status).toBe(400);
    expect((await api(srv, "POST", `/api/channels/${g.id}/members`, { token: ben.token, body: { userIds: [ben.id] } })).status).toBe(403);
  });

  it("removes members: only owners remove others; a removed member's devices get nothing more", async () => {
    const g = await newGroup([ann, ben]);
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${ben.id}`, { token: ann.token })).status).toBe(403);
    const benDevice = await connectDevice(srv, { token: ben.token });
    const benChannels = record(benDevice, "channel");
    const benMessages = record(benDevice, "message");
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${ben.id}`, { token: owner.token })).status).toBe(204);
    await waitFor(() => benChannels.length === 1, 5000, "removal event");
    expect(benChannels[0]!.memberIds).not.toContain(ben.id);
    const ownerDevice = await connectDevice(srv, { token: owner.token });
    expect((await send(ownerDevice, g.id, "after ben left")).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(benMessages).toEqual([]);
    expect((await api(srv, "GET", `/api/channels/${g.id}/messages`, { token: ben.token })).status).toBe(403);
    expect((await send(benDevice, g.id, "can I still?")).error.code).toBe("forbidden");
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${ben.id}`, { token: owner.token })).status).toBe(404);
    // Leaving oneself is always allowed; the last owner cannot leave the others ownerless.
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${ann.id}`, { token: ann.token })).status).toBe(204);
    const cidG = await newGroup([cid]);
    const last = await api(srv, "DELETE", `/api/channels/${cidG.id}/members/${owner.id}`, { token: owner.token });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("conflict");
  });

  it("lets owners and admins rename, and owners name admins", async () => {
    const g = await newGroup([ann, ben]);
    const annDevice = await connectDevice(srv, { token: ann.token });
    const events = record(annDevice, "channel");
    expect((await api(srv, "PATCH", `/api/channels/${g.id}`, { token: ann.token, body: { name: "mine" } })).status).toBe(403);
    const r = await api(srv, "PATCH", `/api/channels/${g.id}`, { token: owner.token, body: { name: "  renamed " } });
    expect(r.status).toBe(200);
    expect(r.body.channel.name).toBe("renamed");
    await waitFor(() => events.some((c) => c.name === "renamed"), 5000, "rename event");
    expect((await api(srv, "PATCH", `/api/channels/${g.id}`, { token: owner.token, body: { name: "" } })).status).toBe(400);
    expect((await api(srv, "PATCH", `/api/channels/${g.id}/members/${ann.id}`, { token: ben.token, body: { role: "admin" } })).status).toBe(403);
    expect((await api(srv, "PATCH", `/api/channels/${g.id}/members/${ann.id}`, { token: owner.token, body: { role: "admin" } })).status).toBe(204);
    const roles = await api(srv, "GET", `/api/channels/${g.id}/members`, { token: ben.token });
    const roleOf = Object.fromEntries(roles.body.members.map((m: { userId: string; role: string }) => [m.userId, m.role]));
    expect(roleOf).toEqual({ [owner.id]: "owner", [ann.id]: "admin", [ben.id]: "member" });
    expect((await api(srv, "GET", `/api/channels/${g.id}/members`, { token: cid.token })).status).toBe(403);
    expect((await api(srv, "PATCH", `/api/channels/${g.id}`, { token: ann.token, body: { name: "by admin" } })).status).toBe(200);
    expect((await api(srv, "DELETE", `/api/channels/${g.id}/members/${ben.id}`, { token: ann.token })).status).toBe(204);
    expect((await api(srv, "PATCH", `/api/channels/${g.id}/members/${owner.id}`, { token: owner.token, body: { role: "member" } })).status).toBe(409);
    expect((await api(srv, "PATCH", `/api/channels/${g.id}/members/${ann.id}`, { token: owner.token, body: { role: "king" } })).status).toBe(400);
  });

  it("refuses member changes on a direct channel", async () => {
    const d = await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "direct", memberIds: [ben.id] } });
    const r = await api(srv, "POST", `/api/channels/${d.body.channel.id}/members`, { token: ann.token, body: { userIds: [cid.id] } });
    expect(r.status).toBe(400);
    expect((await api(srv, "DELETE", `/api/channels/${d.body.channel.id}/members/${ben.id}`, { token: ann.token })).status).toBe(400);
  });

  it("delivers one stored message to every device of a 500-member group", async () => {
    const people = await seedUsers(srv, 499, "Member");
    const g = await newGroup(people);
    expect(g.memberIds).toHaveLength(500);
    const devices = [];
    for (let i = 0; i < people.length; i += 50) {
      devices.push(...(await Promise.all(people.slice(i, i + 50).map((p) => connectDevice(srv, { token: p.token })))));
    }
    const got = devices.map((d) => record(d, "message"));
    const ownerDevice = await connectDevice(srv, { token: owner.token });
    const ack = await send(ownerDevice, g.id, "hello everyone");
    expect(ack.ok).toBe(true);
    await waitFor(() => got.every((g) => g.length === 1), 15_000, "delivery to 499 devices");
    expect(new Set(got.map((g) => (g[0] as Message).seq))).toEqual(new Set([1]));
    const stored = await api(srv, "GET", `/api/channels/${g.id}/messages`, { token: people[0]!.token });
    expect(stored.body.messages).toHaveLength(1); // stored once, not per member
    // 500 handshakes on a busy 2-core CI machine: the time limit is about correctness, not speed
    // (speed is measured by `npm run bench`).
  }, 90_000);
});
