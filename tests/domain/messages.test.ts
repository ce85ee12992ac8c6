// Sending, at the domain level: what is stored, what is published, to whom.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../../server/channels/create-channel";
import { sendMessage } from "../../server/messages/send-message";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";
import { verifyChange } from "./support/verify-change";

let env: DomainEnv;
let ann: string, bob: string, cat: string, dan: string;
let groupId: string;

beforeAll(async () => {
  env = await startDomainEnv();
  ann = await env.addUser("Ann");
  bob = await env.addUser("Bob");
  cat = await env.addUser("Cat");
  dan = await env.addUser("Dan");
  const { channel } = await createChannel(env, ann, { kind: "group", name: "Team", memberIds: [bob, cat] });
  groupId = channel.id;
});
afterAll(() => env?.close());

describe("sendMessage", () => {
  it("a send's events bring every member's device to what a fresh fetch shows", async () => {
    await verifyChange(env, [ann, bob, cat, dan], async () => {
      await sendMessage(env, ann, { channelId: groupId, clientMsgId: "m1", body: "hello team" });
      await sendMessage(env, bob, { channelId: groupId, clientMsgId: "m2", body: "hi @Ann" });
    });
  });

  it("concurrent sends get consecutive seqs, published in seq order", async () => {
    env.events.clear();
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) => sendMessage(env, i % 2 ? ann : cat, { channelId: groupId, clientMsgId: `c${i}`, body: `n${i}` })),
    );
    const seqs = sent.map((r) => r.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => seqs[0]! + i));
    const published = env.events.deliveredTo(bob).filter((e) => e.event === "message").map((e) => (e.payload as { seq: number }).seq);
    expect(published).toEqual(seqs);
  });

  it("a retry answers the stored message, stores nothing, and publishes that message again", async () => {
    const first = await sendMessage(env, bob, { channelId: groupId, clientMsgId: "retry-1", body: "once" });
    env.events.clear();
    const again = await sendMessage(env, bob, { channelId: groupId, clientMsgId: "retry-1", body: "once" });
    expect(again).toEqual({ message: first.message, duplicate: true });
    // Its first publish may have died with the node that committed it: an ack means every
    // member's device gets it. The same message (same seq) again, nothing else.
    expect(env.events.all().map((e) => ({ event: e.event, payload: e.payload, users: [...e.users].sort() }))).toEqual([
      { event: "message", payload: first.message, users: [ann, bob, cat].sort() },
    ]);
    expect(await env.db.message.count({ where: { channelId: groupId, clientMsgId: "retry-1" } })).toBe(1);
    // Devices that hold it already are unchanged by it.
    await verifyChange(env, [ann, bob, cat], async () => {
      await sendMessage(env, bob, { channelId: groupId, clientMsgId: "retry-1", body: "once" });
    });
  });

  it("a non-member is refused and nothing is stored or published", async () => {
    const before = await env.db.channel.findUniqueOrThrow({ where: { id: groupId } });
    env.events.clear();
    await expect(sendMessage(env, dan, { channelId: groupId, clientMsgId: "x", body: "let me in" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(sendMessage(env, dan, { channelId: "nope", clientMsgId: "y", body: "hm" })).rejects.toMatchObject({ code: "not_found" });
    expect(env.events.all()).toHaveLength(0);
    expect((await env.db.channel.findUniqueOrThrow({ where: { id: groupId } })).lastSeq).toBe(before.lastSeq);
  });

  it("blank and oversized bodies are refused before anything is written", async () => {
    await expect(sendMessage(env, ann, { channelId: groupId, clientMsgId: "b1", body: "  \n " })).rejects.toMatchObject({ code: "invalid" });
    await expect(sendMessage(env, ann, { channelId: groupId, clientMsgId: "b2", body: "x".repeat(4001) })).rejects.toMatchObject({ code: "too_large" });
  });
});
