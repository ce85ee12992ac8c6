// Group commit across channels (channel-writer.ts, store-messages.ts): drafts for many channels
// share one statement; each channel still numbers its messages gaplessly and publishes them in
// seq order, a draft that cannot be stored fails alone, and writers of two nodes sharing
// channels (locked in id order) and edits of the same channels never deadlock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../../server/channels/create-channel";
import { createChannelWriter } from "../../server/messages/channel-writer";
import { editMessage } from "../../server/messages/edit-message";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";

let env: DomainEnv;
let ann: string, bob: string, eve: string;
const channels: string[] = [];

beforeAll(async () => {
  env = await startDomainEnv();
  ann = await env.addUser("Ann");
  bob = await env.addUser("Bob");
  eve = await env.addUser("Eve");
  for (let i = 0; i < 12; i++) channels.push((await createChannel(env, ann, { kind: "group", name: `G${i}`, memberIds: [bob] })).channel.id);
});
afterAll(() => env?.close());

const seqsOf = async (channelId: string) =>
  (await env.db.message.findMany({ where: { channelId }, select: { seq: true, version: true }, orderBy: { seq: "asc" } })).map((m) => m.seq);

describe("group commit across channels", () => {
  it("sends to many channels at once: gapless seqs per channel, published in seq order, counters moved", async () => {
    env.events.clear();
    const before = new Map((await env.db.channel.findMany({ where: { id: { in: channels } } })).map((c) => [c.id, c]));
    const writes = Array.from({ length: 240 }, (_, i) =>
      env.writer.write({ channelId: channels[i % channels.length]!, senderId: i % 3 ? ann : bob, body: `m${i}`, clientMsgId: `gc-${i}` }),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r.kind === "stored")).toBe(true);
    for (const id of channels) {
      const b = before.get(id)!;
      expect(await seqsOf(id)).toEqual(Array.from({ length: b.lastSeq + 20 }, (_, k) => k + 1));
      const after = await env.db.channel.findUniqueOrThrow({ where: { id } });
      expect(after.lastSeq).toBe(b.lastSeq + 20);
      expect(after.version).toBe(b.version + 20);
      // What a member's devices were told about this channel: every new seq, in order.
      const published = env.events
        .deliveredTo(bob)
        .filter((e) => e.event === "message" && (e.payload as { channelId: string }).channelId === id)
        .map((e) => (e.payload as { seq: number }).seq);
      expect(published).toEqual(Array.from({ length: 20 }, (_, k) => b.lastSeq + k + 1));
    }
    // Drafts of one channel keep their arrival order within a batch.
    const own = results.filter((r) => r.kind === "stored" && r.row.channelId === channels[0]).map((r) => (r.kind === "stored" ? r.row.body : ""));
    expect(own).toEqual(Array.from({ length: 20 }, (_, k) => `m${k * channels.length}`));
  });

  it("a retry and a non-member's draft in the same batch: only they are answered differently", async () => {
    const first = await env.writer.write({ channelId: channels[1]!, senderId: ann, body: "once", clientMsgId: "gc-retry" });
    expect(first.kind).toBe("stored");
    const [a, retry, outsider, b] = await Promise.all([
      env.writer.write({ channelId: channels[2]!, senderId: ann, body: "a", clientMsgId: "gc-a" }),
      env.writer.write({ channelId: channels[1]!, senderId: ann, body: "once", clientMsgId: "gc-retry" }),
      env.writer.write({ channelId: channels[3]!, senderId: eve, body: "let me in", clientMsgId: "gc-eve" }),
      env.writer.write({ channelId: channels[3]!, senderId: bob, body: "b", clientMsgId: "gc-b" }),
    ]);
    expect(a.kind).toBe("stored");
    expect(b.kind).toBe("stored");
    expect(outsider.kind).toBe("rejected");
    expect(retry).toMatchObject({ kind: "duplicate", row: { seq: first.kind === "stored" ? first.row.seq : -1, channelId: channels[1] } });
    expect(await env.db.message.count({ where: { senderId: ann, clientMsgId: "gc-retry" } })).toBe(1);
    expect(await env.db.message.count({ where: { senderId: eve } })).toBe(0);
  });

  it("a draft whose statement fails fails alone; the others of every channel are stored in arrival order", async () => {
    // Over Postgres' 1 MB tsvector limit: the edge would refuse it (too_large); written straight
    // to the writer, it makes the shared statement fail, and the writer splits the batch.
    const huge = Array.from({ length: 160_000 }, (_, i) => `w${i.toString(36).padStart(7, "q")}`).join(" ");
    const four = channels.slice(8, 12);
    const before = await Promise.all(four.map(async (id) => (await env.db.channel.findUniqueOrThrow({ where: { id } })).lastSeq));
    const writes = Array.from({ length: 40 }, (_, i) =>
      env.writer.write({ channelId: four[i % 4]!, senderId: bob, body: i === 17 ? huge : `s${i}`, clientMsgId: `gc-split-${i}` }),
    );
    const settled = await Promise.allSettled(writes);
    expect(settled.map((r, i) => (r.status === "rejected" ? i : -1)).filter((i) => i >= 0)).toEqual([17]);
    for (const [k, id] of four.entries()) {
      const rows = await env.db.message.findMany({ where: { channelId: id, seq: { gt: before[k]! } }, orderBy: { seq: "asc" } });
      const expected = Array.from({ length: 10 }, (_, j) => k + 4 * j).filter((i) => i !== 17).map((i) => `s${i}`);
      expect(rows.map((r) => r.body)).toEqual(expected);
      expect(rows.map((r) => r.seq)).toEqual(expected.map((_, j) => before[k]! + 1 + j));
    }
  });

  it("two nodes' writers and edits on the same channels, in opposite orders: no deadlock, nothing lost", async () => {
    const other = createChannelWriter({ db: env.db, publisher: env.events, log: env.log });
    const target = await env.writer.write({ channelId: channels[5]!, senderId: ann, body: "edit me", clientMsgId: "gc-edit" });
    const counts = await Promise.all(channels.map(async (id) => (await env.db.channel.findUniqueOrThrow({ where: { id } })).lastSeq));
    const rounds = 15;
    const work: Promise<unknown>[] = [];
    for (let r = 0; r < rounds; r++) {
      channels.forEach((id, i) => {
        work.push(env.writer.write({ channelId: id, senderId: ann, body: `x${r}`, clientMsgId: `gc-x-${r}-${i}` }));
        work.push(other.write({ channelId: channels[channels.length - 1 - i]!, senderId: bob, body: `y${r}`, clientMsgId: `gc-y-${r}-${i}` }));
      });
    }
    // Edits one after another (each an interactive transaction holding one channel row), while
    // the writers' statements lock many.
    work.push(
      (async () => {
        for (let r = 0; r < rounds && target.kind === "stored"; r++) {
          await editMessage(env, ann, { channelId: channels[5]!, seq: target.row.seq, body: `edited ${r}` });
        }
      })(),
    );
    const settled = await Promise.allSettled(work);
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
    for (const [i, id] of channels.entries()) {
      expect(await seqsOf(id)).toEqual(Array.from({ length: counts[i]! + 2 * rounds }, (_, k) => k + 1));
    }
  });
});
