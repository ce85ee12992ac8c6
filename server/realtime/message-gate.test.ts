import { describe, expect, it } from "vitest";
import type { Message } from "../../lib/contract/models";
import { createMessageGate } from "./message-gate";

const log = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as never;
const msg = (seq: number, channelId = "c", createdAt = new Date(0)): Message => ({
  channelId,
  seq,
  senderId: "u",
  body: `m${seq}`,
  clientMsgId: `k${seq}`,
  createdAt: createdAt.toISOString(),
  replyTo: null,
  editedAt: null,
  deletedAt: null,
  reactions: [],
  attachments: [],
  version: seq,
});

function setup(opts: { stored?: number[]; recent?: boolean; holdMs?: number; maxGap?: number; maxChannels?: number; noFetch?: boolean } = {}) {
  const emitted: string[] = [];
  const fetches: [number, number][] = [];
  const gate = createMessageGate({
    log,
    emit: (m) => emitted.push(`${m.channelId}:${m.seq}`),
    fetchBetween: opts.noFetch
      ? undefined
      : async (channelId, after, before) => {
          fetches.push([after, before]);
          return (opts.stored ?? []).filter((s) => s > after && s < before).map((s) => msg(s, channelId, opts.recent ? new Date() : undefined));
        },
    holdMs: opts.holdMs ?? 20,
    maxGap: opts.maxGap,
    maxChannels: opts.maxChannels,
  });
  return { gate, emitted, fetches };
}

describe("message gate", () => {
  it("emits in order and drops what it already emitted", async () => {
    const { gate, emitted, fetches } = setup();
    for (const s of [1, 2, 2, 3, 1]) gate.offer(msg(s));
    await gate.idle();
    expect(emitted).toEqual(["c:1", "c:2", "c:3"]);
    expect(fetches).toEqual([]);
  });

  it("holds a message whose predecessor is still on its way, then emits both in order", async () => {
    const { gate, emitted, fetches } = setup({ holdMs: 300 });
    gate.offer(msg(1));
    await gate.idle();
    gate.offer(msg(3));
    await new Promise((r) => setTimeout(r, 5));
    expect(emitted).toEqual(["c:1"]);
    gate.offer(msg(2));
    await gate.idle();
    expect(emitted).toEqual(["c:1", "c:2", "c:3"]);
    expect(fetches).toEqual([]);
  });

  it("sorts the first arrivals of a channel it has not seen yet", async () => {
    const { gate, emitted, fetches } = setup();
    gate.offer(msg(5));
    gate.offer(msg(4));
    await gate.idle();
    expect(emitted).toEqual(["c:4", "c:5"]);
    // One look for what was stored just before the first (nothing recent here).
    expect(fetches).toEqual([[0, 4]]);
  });

  it("reads a gap that does not arrive from the database, and drops the stragglers later", async () => {
    const { gate, emitted, fetches } = setup({ stored: [1, 2, 3, 4, 5] });
    gate.offer(msg(1));
    gate.offer(msg(5));
    gate.offer(msg(4)); // arrives while 5 waits: only 2..3 are missing
    await gate.idle();
    expect(fetches).toEqual([[1, 4]]);
    gate.offer(msg(2));
    gate.offer(msg(3));
    gate.offer(msg(6));
    await gate.idle();
    expect(emitted).toEqual(["c:1", "c:2", "c:3", "c:4", "c:5", "c:6"]);
  });

  it("keeps later arrivals behind a gap being filled", async () => {
    const { gate, emitted } = setup({ stored: [1, 2, 3] });
    gate.offer(msg(1));
    gate.offer(msg(3));
    await new Promise((r) => setTimeout(r, 25)); // the hold has passed: the fetch is under way
    gate.offer(msg(4));
    await gate.idle();
    expect(emitted).toEqual(["c:1", "c:2", "c:3", "c:4"]);
  });

  it("does not fill gaps past the limit, nor without a database (one node)", async () => {
    const big = setup({ maxGap: 5 });
    big.gate.offer(msg(1));
    big.gate.offer(msg(10));
    await big.gate.idle();
    expect(big.emitted).toEqual(["c:1", "c:10"]);
    expect(big.fetches).toEqual([]);
    const single = setup({ noFetch: true });
    single.gate.offer(msg(1));
    single.gate.offer(msg(3));
    await single.gate.idle();
    expect(single.emitted).toEqual(["c:1", "c:3"]);
  });

  it("keeps channels apart, and forgets the least recently used past its bound", async () => {
    const { gate, emitted } = setup({ maxChannels: 2 });
    gate.offer(msg(7, "a"));
    gate.offer(msg(1, "b"));
    await gate.idle();
    gate.offer(msg(1, "c")); // "a" is forgotten
    await gate.idle();
    gate.offer(msg(1, "b")); // still remembered: dropped
    gate.offer(msg(7, "a")); // unknown again: emitted, as for any channel first seen
    await gate.idle();
    expect(emitted).toEqual(["a:7", "b:1", "c:1", "a:7"]);
  });

  it("on a channel's first arrival, emits the messages stored just before it first (one slower than the wait)", async () => {
    const { gate, emitted } = setup({ stored: [1, 2, 3, 4], recent: true, holdMs: 10 });
    gate.offer(msg(4));
    await gate.idle();
    gate.offer(msg(3)); // the straggler, later than the first wait
    await gate.idle();
    expect(emitted).toEqual(["c:1", "c:2", "c:3", "c:4"]);
    expect(gate.stats()).toMatchObject({ filled: 3, dropped: 1, gapsLeft: 0 });
  });

  it("on a channel's first arrival, leaves out messages stored long before it", async () => {
    const { gate, emitted } = setup({ stored: [1, 2], holdMs: 10 });
    gate.offer(msg(3));
    await gate.idle();
    expect(emitted).toEqual(["c:3"]);
  });
});
