import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../lib/contract/models";
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
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let channelId: string;

beforeAll(async () => {
  srv = await startTestServer();
  [alice, bob, carol] = await Promise.all([signUp(srv, "Alice"), signUp(srv, "Bob"), signUp(srv, "Carol")]);
  const r = await api(srv, "POST", "/api/channels", { token: alice.token, body: { kind: "direct", memberIds: [bob.id] } });
  expect(r.status).toBe(201);
  channelId = r.body.channel.id;
});
afterAll(() => srv?.stop());
afterEach(() => closeAllDevices());

const send = (s: Parameters<typeof call>[0], body: string, clientMsgId: string = randomUUID(), ch = channelId) =>
  call(s, "message:send", { channelId: ch, clientMsgId, body });

describe("direct channels", () => {
  it("returns the existing channel for the same pair, from either side, with 200", async () => {
    const again = await api(srv, "POST", "/api/channels", { token: bob.token, body: { kind: "direct", memberIds: [alice.id] } });
    expect(again.status).toBe(200);
    expect(again.body.channel.id).toBe(channelId);
    expect(again.body.channel.memberIds.sort()).toEqual([alice.id, bob.id].sort());
  });

  it("answers 400 for unknown users and malformed requests", async () => {
    for (const body of [{ kind: "direct", memberIds: ["nope"] }, { kind: "direct", memberIds: [] }, { kind: "chat" }, {}]) {
      const r = await api(srv, "POST", "/api/channels", { token: alice.token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("tells both users' devices about a new channel, and they are subscribed to it at once", async () => {
    const dave = await signUp(srv, "Dave");
    const daveDevice = await connectDevice(srv, { token: dave.token });
    const channels = record(daveDevice, "channel");
    const messages = record(daveDevice, "message");
    const r = await api(srv, "POST", "/api/channels", { token: carol.token, body: { kind: "direct", memberIds: [dave.id] } });
    expect(r.status).toBe(201);
    await waitFor(() => channels.length === 1, 5000, "channel event");
    expect(channels[0]!.id).toBe(r.body.channel.id);
    const carolDevice = await connectDevice(srv, { token: carol.token });
    const ack = await send(carolDevice, "hi dave", randomUUID(), r.body.channel.id);
    expect(ack.ok).toBe(true);
    await waitFor(() => messages.length === 1, 5000, "message on the new channel");
  });
});

describe("message:send", () => {
  it("stores, acks and delivers to every device of every member, the sender's included", async () => {
    const a1 = await connectDevice(srv, { token: alice.token });
    const a2 = await connectDevice(srv, { token: alice.token });
    const b1 = await connectDevice(srv, { token: bob.token });
    const c1 = await connectDevice(srv, { token: carol.token });
    const got = [a1, a2, b1, c1].map((s) => record(s, "message"));
    const ack = await send(a1, "hello bob");
    expect(ack.ok).toBe(true);
    const m: Message = ack.message;
    expect(m).toMatchObject({ channelId, senderId: alice.id, body: "hello bob" });
    await waitFor(() => got.slice(0, 3).every((g) => g.length === 1), 5000, "delivery");
    for (const g of got.slice(0, 3)) expect(g[0]).toEqual(m);
    await new Promise((r) => setTimeout(r, 200));
    expect(got[3]).toEqual([]); // Carol is not a member
    const history = await api(srv, "GET", `/api/channels/${channelId}/messages`, { token: bob.token });
    expect(history.body.messages.at(-1)).toEqual(m);
  });

  it("gives concurrent sends from several devices unique, gapless seqs, delivered in order", async () => {
    const a1 = await connectDevice(srv, { token: alice.token });
    const a2 = await connectDevice(srv, { token: alice.token });
    const b1 = await connectDevice(srv, { token: bob.token });
    const seen = record(b1, "message");
    const before = (await api(srv, "GET", "/api/channels", { token: bob.token })).body.channels.find(
      (c: { id: string }) => c.id === channelId,
    ).lastSeq;
    const acks = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => send(a1, `a1 ${i}`)),
      ...Array.from({ length: 20 }, (_, i) => send(a2, `a2 ${i}`)),
      ...Array.from({ length: 20 }, (_, i) => send(b1, `b1 ${i}`)),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => a.message.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => before + 1 + i));
    await waitFor(() => seen.length === 60, 5000, "60 deliveries");
    expect(seen.map((m) => m.seq)).toEqual(seqs); // arrival order is seq order
  });

  it("treats a retry with the same clientMsgId as the same message: same seq, nothing new stored", async () => {
    const a1 = await connectDevice(srv, { token: alice.token });
    const a2 = await connectDevice(srv, { token: alice.token });
    const id = randomUUID();
    const first = await send(a1, "only once", id);
    const [r1, r2] = await Promise.all([send(a1, "only once", id), send(a2, "only once", id)]);
    expect(r1.message).toEqual(first.message);
    expect(r2.message).toEqual(first.message);
    const next = await send(a1, "after the retry");
    expect(next.message.seq).toBe(first.message.seq + 1); // the retries used up no seq
    const page = await api(srv, "GET", `/api/channels/${channelId}/messages?after=${first.message.seq - 1}`, { token: alice.token });
    expect(page.body.messages.filter((m: Message) => m.clientMsgId === id)).toHaveLength(1);
  });

  it("keeps seqs gapless when retries and new messages arrive together in one batch", async () => {
    const a1 = await connectDevice(srv, { token: alice.token });
    const b1 = await connectDevice(srv, { token: bob.token });
    const stored = await Promise.all(Array.from({ length: 10 }, (_, i) => send(a1, `first ${i}`)));
    const top = Math.max(...stored.map((a) => a.message.seq));
    // Ten retries of stored messages (one batch aborts on them) mixed with ten new ones.
    const mixed = await Promise.all([
      ...stored.map((a) => send(a1, a.message.body, a.message.clientMsgId)),
      ...Array.from({ length: 10 }, (_, i) => send(b1, `new ${i}`)),
    ]);
    expect(mixed.every((a) => a.ok)).toBe(true);
    expect(mixed.slice(0, 10).map((a) => a.message)).toEqual(stored.map((a) => a.message));
    expect(mixed.slice(10).map((a) => a.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => top + 1 + i));
  });

  it("answers non-members forbidden, unknown channels not_found, and bad payloads invalid or too_large", async () => {
    const c1 = await connectDevice(srv, { token: carol.token });
    const a1 = await connectDevice(srv, { token: alice.token });
    expect((await send(c1, "let me in")).error.code).toBe("forbidden");
    expect((await send(a1, "hello?", randomUUID(), "no-such-channel")).error.code).toBe("not_found");
    expect((await send(a1, "   \n\t ")).error.code).toBe("invalid");
    expect((await send(a1, "")).error.code).toBe("invalid");
    expect((await send(a1, "x".repeat(4001))).error.code).toBe("too_large");
    expect((await send(a1, "😀".repeat(4000))).ok).toBe(true); // 4000 characters, 8000 UTF-16 units
    expect((await send(a1, "ok", "x".repeat(101))).error.code).toBe("invalid");
    for (const bad of [null, "text", 42, [], { channelId }, { channelId, clientMsgId: "a", body: 5 }]) {
      const r = await call(a1, "message:send", bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      expect(r.error.code).toBe("invalid");
    }
    // An event without an ack callback must not crash anything.
    (a1 as unknown as { emit(e: string, p: unknown): void }).emit("message:send", { channelId, clientMsgId: "no-ack", body: "x" });
    expect((await send(a1, "still alive")).ok).toBe(true);
    const carolChannels = await api(srv, "GET", "/api/channels", { token: carol.token });
    expect(carolChannels.body.channels.some((c: { id: string }) => c.id === channelId)).toBe(false);
  });

  it("refuses a handshake without valid credentials", async () => {
    await expect(connectDevice(srv, {})).rejects.toThrow("unauthenticated");
    await expect(connectDevice(srv, { token: "ct_forged" })).rejects.toThrow("unauthenticated");
    await expect(connectDevice(srv, { cookie: "authjs.session-token=forged" })).rejects.toThrow("unauthenticated");
  });
});

describe("history", () => {
  it("pages with before/after/around and limit, ascending", async () => {
    const ch = await api(srv, "POST", "/api/channels", { token: bob.token, body: { kind: "direct", memberIds: [carol.id] } });
    const id = ch.body.channel.id;
    const b1 = await connectDevice(srv, { token: bob.token });
    for (let i = 1; i <= 30; i++) expect((await send(b1, `m${i}`, randomUUID(), id)).ok).toBe(true);
    const get = async (q: string) => {
      const r = await api(srv, "GET", `/api/channels/${id}/messages${q}`, { token: carol.token });
      return { status: r.status, seqs: (r.body.messages ?? []).map((m: Message) => m.seq) as number[], body: r.body };
    };
    expect((await get("?limit=5")).seqs).toEqual([26, 27, 28, 29, 30]);
    expect((await get("")).seqs).toHaveLength(30);
    expect((await get("?before=10&limit=3")).seqs).toEqual([7, 8, 9]);
    expect((await get("?after=28")).seqs).toEqual([29, 30]);
    expect((await get("?around=15&limit=5")).seqs).toEqual([13, 14, 15, 16, 17]);
    expect((await get("?around=15&limit=4")).seqs).toEqual([14, 15, 16, 17]);
    expect((await get("?around=1&limit=5")).seqs).toEqual([1, 2, 3]);
    expect((await get("?before=1")).seqs).toEqual([]);
    for (const q of ["?before=3&after=1", "?limit=0", "?limit=201", "?around=-1", "?before=abc"]) {
      const r = await get(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe("invalid");
    }
    const outsider = await api(srv, "GET", `/api/channels/${id}/messages`, { token: alice.token });
    expect(outsider.status).toBe(403);
    expect(outsider.body.messages).toBeUndefined();
    expect((await api(srv, "GET", `/api/channels/nope/messages`, { token: alice.token })).status).toBe(404);
  });
});

describe("sync and read state", () => {
  it("returns what a device missed after its cursors, ignores foreign cursors, and pages with more", async () => {
    const ch = await api(srv, "POST", "/api/channels", { token: carol.token, body: { kind: "group", name: "g", memberIds: [alice.id] } });
    const id = ch.body.channel.id;
    const c1 = await connectDevice(srv, { token: carol.token });
    for (let i = 1; i <= 5; i++) await send(c1, `g${i}`, randomUUID(), id);
    const a1 = await connectDevice(srv, { token: alice.token });
    const r = await call(a1, "sync", { cursors: { [id]: 2, "someone-elses": 0 } });
    expect(r.ok).toBe(true);
    expect(r.messages.filter((m: Message) => m.channelId === id).map((m: Message) => m.seq)).toEqual([3, 4, 5]);
    expect(r.channels.find((c: { id: string }) => c.id === id)).toMatchObject({ lastSeq: 5, unread: 5, lastReadSeq: 0 });
    const capped = await call(a1, "sync", { cursors: { [id]: 0, [channelId]: 1e9 }, limit: 2 });
    expect(capped.more).toBe(true);
    expect(capped.messages.map((m: Message) => m.seq)).toEqual([1, 2]);
    // Carol's own sync never includes Bob's and Alice's direct channel.
    const cs = await call(c1, "sync", { cursors: {} , limit: 1000 });
    expect(cs.messages.some((m: Message) => m.channelId === channelId)).toBe(false);
    // 10,000 forged cursors: answered from Alice's own channels only.
    const forged = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`forged-${i}`, i]));
    const many = await call(a1, "sync", { cursors: { ...forged, [id]: 5 } });
    expect(many.ok).toBe(true);
    expect(many.messages.every((m: Message) => m.channelId !== id)).toBe(true);
    const tooMany = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`f${i}`, 0]));
    expect((await call(a1, "sync", { cursors: tooMany })).error.code).toBe("invalid");
    for (const bad of [{ cursors: { [id]: -1 } }, { cursors: [] }, { cursors: {}, limit: 5000 }, null]) {
      expect((await call(a1, "sync", bad)).error.code, JSON.stringify(bad)).toBe("invalid");
    }
  });

  it("moves lastReadSeq forward only, capped at lastSeq, and tells the reader's other devices", async () => {
    const ch = await api(srv, "POST", "/api/channels", { token: carol.token, body: { kind: "group", name: "reads", memberIds: [bob.id] } });
    const id = ch.body.channel.id;
    const c1 = await connectDevice(srv, { token: carol.token });
    for (let i = 1; i <= 4; i++) await send(c1, `r${i}`, randomUUID(), id);
    const b1 = await connectDevice(srv, { token: bob.token });
    const b2 = await connectDevice(srv, { token: bob.token });
    const reads = record(b2, "read");
    expect((await call(b1, "read", { channelId: id, seq: 3 })).ok).toBe(true);
    await waitFor(() => reads.length === 1, 5000, "read event");
    expect(reads[0]).toEqual({ channelId: id, userId: bob.id, seq: 3 });
    expect((await call(b1, "read", { channelId: id, seq: 1 })).ok).toBe(true); // never back
    expect((await call(b1, "read", { channelId: id, seq: 99 })).ok).toBe(true); // capped at 4
    const view = (await api(srv, "GET", "/api/channels", { token: bob.token })).body.channels.find((c: { id: string }) => c.id === id);
    expect(view).toMatchObject({ lastReadSeq: 4, unread: 0, lastSeq: 4 });
    // Sending marks the channel read for the sender.
    const carolView = (await api(srv, "GET", "/api/channels", { token: carol.token })).body.channels.find((c: { id: string }) => c.id === id);
    expect(carolView).toMatchObject({ lastReadSeq: 4, unread: 0 });
    const a1 = await connectDevice(srv, { token: alice.token });
    expect((await call(a1, "read", { channelId: id, seq: 1 })).error.code).toBe("forbidden");
  });
});
