// Read state and catch-up at the domain level.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../../server/channels/create-channel";
import { markRead } from "../../server/channels/mark-read";
import { sendMessage } from "../../server/messages/send-message";
import { syncDevice } from "../../server/sync/sync-device";
import type { Message } from "../../lib/contract/models";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";
import { verifyChange } from "./support/verify-change";

let env: DomainEnv;
let ann: string, bob: string;
let direct: string, group: string;

beforeAll(async () => {
  env = await startDomainEnv();
  ann = await env.addUser("Ann");
  bob = await env.addUser("Bob");
  direct = (await createChannel(env, ann, { kind: "direct", memberIds: [bob] })).channel.id;
  group = (await createChannel(env, ann, { kind: "group", name: "G", memberIds: [bob] })).channel.id;
  for (let i = 0; i < 7; i++) await sendMessage(env, ann, { channelId: direct, clientMsgId: `d${i}`, body: `d${i}` });
  for (let i = 0; i < 5; i++) await sendMessage(env, ann, { channelId: group, clientMsgId: `g${i}`, body: `g${i}` });
});
afterAll(() => env?.close());

describe("markRead", () => {
  it("reading on one device clears the count on all of them", async () => {
    await verifyChange(env, [ann, bob], () => markRead(env, bob, { channelId: direct, seq: 4 }));
  });

  it("never moves back and is capped at lastSeq", async () => {
    await markRead(env, bob, { channelId: direct, seq: 3 });
    expect((await markRead(env, bob, { channelId: direct, seq: 999 })).lastReadSeq).toBe(7);
    expect((await markRead(env, bob, { channelId: direct, seq: 1 })).lastReadSeq).toBe(7);
  });

  it("never moves back when two devices mark at once (the lower mark's statement must not win the row)", async () => {
    // Users of its own: the other tests here count Ann's and Bob's channels.
    const [cy, di] = [await env.addUser("Cy"), await env.addUser("Di")];
    const busy = (await createChannel(env, cy, { kind: "direct", memberIds: [di] })).channel.id;
    for (let i = 0; i < 60; i++) await sendMessage(env, cy, { channelId: busy, clientMsgId: `b${i}`, body: `b${i}` });
    const stored = async () =>
      (await env.db.membership.findFirstOrThrow({ where: { channelId: busy, userId: di }, select: { lastReadSeq: true } })).lastReadSeq;
    for (let k = 2; k <= 60; k += 2) {
      // The higher one first: on separate connections the lower one's statement may read the row
      // before the higher one commits and write after it.
      await Promise.all([markRead(env, di, { channelId: busy, seq: k }), markRead(env, di, { channelId: busy, seq: k - 1 })]);
      expect(await stored()).toBe(k);
    }
  });
});

describe("syncDevice", () => {
  it("pages by cursor to every seq with no gap and no duplicate", async () => {
    const held: Record<string, number> = { [direct]: 2 };
    const got: Message[] = [];
    for (let round = 0; round < 20; round++) {
      const r = await syncDevice(env.db, bob, { cursors: held, limit: 3 });
      got.push(...r.messages);
      for (const m of r.messages) held[m.channelId] = Math.max(held[m.channelId] ?? 0, m.seq);
      if (!r.more) break;
    }
    const seqsOf = (c: string) => got.filter((m) => m.channelId === c).map((m) => m.seq);
    expect(seqsOf(direct)).toEqual([3, 4, 5, 6, 7]);
    expect(seqsOf(group)).toEqual([1, 2, 3, 4, 5]);
  });

  it("ignores cursors of channels the user is not in", async () => {
    const outsider = await env.addUser("Out");
    const r = await syncDevice(env.db, outsider, { cursors: { [direct]: 0, [group]: 0 } });
    expect(r).toEqual({ messages: [], channels: [], more: false });
  });
});
