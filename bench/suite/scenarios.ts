// S1–S5, each bounded in time, run the same way against the product and the bare relay.
import { type Device, connectAll, type LoadResult, openLoop, pct, type Sender } from "./load";
import { memoryOf, type Target } from "./targets";

export interface Sizes {
  pairs: number;
  s1Rates: number[];
  s1Seconds: number;
  groupMembers: number;
  groupRate: number;
  groupSeconds: number;
  idleSockets: number;
  s4Rates: number[];
  s4Seconds: number;
  catchupChannels: number;
  catchupPerChannel: number;
}

export const modest: Sizes = {
  pairs: 250,
  s1Rates: [500, 2000, 5000],
  s1Seconds: 5,
  groupMembers: 500,
  groupRate: 20,
  groupSeconds: 5,
  idleSockets: 1000,
  s4Rates: [1000, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000],
  s4Seconds: 3,
  catchupChannels: 50,
  catchupPerChannel: 200,
};

export const full: Sizes = {
  ...modest,
  s1Rates: [500, 2000, 5000, 10_000],
  s1Seconds: 10,
  groupSeconds: 10,
  idleSockets: 2000,
  s4Rates: [1000, 2000, 3000, 5000, 7500, 10_000, 12_500, 15_000, 20_000, 25_000, 30_000],
  s4Seconds: 5,
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const closeAll = (ds: Device[]) => ds.forEach((d) => d.disconnect());

/** S1 and S4 share their 250 pairs (each sender → its recipient, a direct channel each). */
export async function pairsScenarios(t: Target, z: Sizes, run: { s1: boolean; s4: boolean }) {
  const users = await t.users(z.pairs * 2);
  const pairs = Array.from({ length: z.pairs }, (_, i) => [users[2 * i]!, users[2 * i + 1]!] as [typeof users[0], typeof users[0]]);
  const channels = await t.directs(pairs);
  const devices = await connectAll(t, users);
  const senders: Sender[] = channels.map((channelId, i) => ({ device: devices[2 * i]!, channelId }));
  const recipientsOf = new Map(channels.map((c, i) => [c, [devices[2 * i + 1]!]]));
  const out: Record<string, unknown> = {};
  try {
    // Warm-up: JIT, pools, caches; not reported.
    await openLoop(senders, recipientsOf, 500, 1);
    if (run.s1) {
      const s1: Record<string, LoadResult> = {};
      for (const rate of z.s1Rates) {
        s1[rate] = await openLoop(senders, recipientsOf, rate, z.s1Seconds);
        await pause(1000);
      }
      out.S1 = s1;
    }
    if (run.s4) {
      const steps: LoadResult[] = [];
      let best = 0;
      for (const rate of z.s4Rates) {
        const r = await openLoop(senders, recipientsOf, rate, z.s4Seconds, 3000);
        steps.push(r);
        const ok = r.latencyMs.p99 !== null && r.latencyMs.p99 <= 100 && r.delivered >= r.expected && r.achievedMsgsPerSec >= 0.9 * rate;
        if (!ok) break;
        best = rate;
        await pause(1000);
      }
      out.S4 = { highestRateP99Under100ms: best, steps: steps.map((s) => ({ offered: s.offered, achieved: s.achievedMsgsPerSec, p99: s.latencyMs.p99, lost: s.expected - s.delivered })) };
    }
  } finally {
    closeAll(devices);
  }
  return out;
}

/** S2: one group, `groupMembers` devices; 10 of them send, the others' arrivals are timed. */
export async function groupScenario(t: Target, z: Sizes) {
  const users = await t.users(z.groupMembers);
  const channelId = await t.group(users);
  const devices = await connectAll(t, users);
  try {
    const senders = devices.slice(0, 10).map((device) => ({ device, channelId }));
    const recipientsOf = new Map([[channelId, devices.slice(10)]]);
    await openLoop(senders, recipientsOf, z.groupRate, 1);
    return await openLoop(senders, recipientsOf, z.groupRate, z.groupSeconds);
  } finally {
    closeAll(devices);
  }
}

/** S3: idle sockets. RSS growth of the server per socket, and connects/s (discovery + handshake). */
export async function idleScenario(t: Target, z: Sizes) {
  const users = await t.users(z.idleSockets);
  await pause(1500);
  const before = await memoryOf(t);
  const windowStart = performance.now();
  const times: number[] = [];
  const discoveryTimes: number[] = [];
  const t0 = performance.now();
  const devices = await connectAllWithDiscovery(t, users, times, discoveryTimes);
  const secs = (performance.now() - t0) / 1000;
  await pause(3000);
  const after = await memoryOf(t);
  const windowMs = performance.now() - windowStart;
  closeAll(devices);
  times.sort((a, b) => a - b);
  discoveryTimes.sort((a, b) => a - b);
  return {
    sockets: devices.length,
    // Both read after a full garbage collection.
    rssBeforeMB: +(before.rss / 2 ** 20).toFixed(1),
    rssAfterMB: +(after.rss / 2 ** 20).toFixed(1),
    rssPerSocketKB: +((after.rss - before.rss) / devices.length / 1024).toFixed(1),
    heapPerSocketKB: +((after.heapUsed + after.external - before.heapUsed - before.external) / devices.length / 1024).toFixed(1),
    connectsPerSec: Math.round(devices.length / secs),
    // The server process's CPU time (every thread) from before the first connect to 3 s after
    // the last, per connect: the figure to compare on a shared machine.
    cpuMsPerConnect: +((after.cpuMicros - before.cpuMicros) / devices.length / 1000).toFixed(2),
    // Of it in the kernel (socket writes and reads: Postgres, the clients).
    cpuSystemMsPerConnect: +((after.cpuSystemMicros - before.cpuSystemMicros) / devices.length / 1000).toFixed(2),
    // How long that CPU time was measured over (the server's idle work, timers and sweepers, runs
    // through it: bench/connect-probe.ts subtracts it).
    windowMs: Math.round(windowMs),
    connectMs: { p50: pct(times, 50), p99: pct(times, 99) },
    discoveryMs: { p50: pct(discoveryTimes, 50), p99: pct(discoveryTimes, 99) },
  };
}

async function connectAllWithDiscovery(t: Target, users: Awaited<ReturnType<Target["users"]>>, times: number[], discoveryTimes: number[], parallel = 50) {
  const { connect } = await import("./load");
  const out: Device[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < users.length) {
        const u = users[next++]!;
        const s = performance.now();
        const res = await fetch(t.url + t.discoveryPath, { headers: u.headers });
        const { url } = (await res.json()) as { url: string };
        if (!url) throw new Error("discovery named no server");
        discoveryTimes.push(performance.now() - s);
        out.push(await connect(t, u));
        times.push(performance.now() - s);
      }
    }),
  );
  return out;
}

/** S5 (product only): a device that missed N messages over M channels, from its old cursors to in sync. */
export async function catchupScenario(t: Target, z: Sizes) {
  const db = t.db!;
  const [me, other] = await t.users(2);
  const channels: string[] = [];
  for (let i = 0; i < z.catchupChannels; i++) channels.push(await t.group([other!, me!]));
  const n = z.catchupPerChannel;
  for (const id of channels) {
    await db.$executeRaw`
      WITH ch AS (UPDATE "Channel" SET "lastSeq" = ${n}, version = ${n} WHERE id = ${id} RETURNING id)
      INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", search, version)
      SELECT ${id}, g, ${other!.id}, 'missed message ' || g, ${id} || '-' || g, chat_search_vector('missed message ' || g), g
      FROM ch, generate_series(1, ${n}::int) g`;
  }
  const [device] = await connectAll(t, [me!]);
  try {
    const cursors: Record<string, number> = Object.fromEntries(channels.map((c) => [c, 0]));
    const t0 = performance.now();
    let got = 0;
    let calls = 0;
    for (;;) {
      const r = (await device!.timeout(30_000).emitWithAck("sync", { cursors, limit: 1000 })) as { messages: { channelId: string; seq: number }[]; more: boolean };
      calls++;
      for (const m of r.messages) cursors[m.channelId] = Math.max(cursors[m.channelId] ?? 0, m.seq);
      got += r.messages.length;
      if (!r.more) break;
    }
    return { channels: channels.length, messages: got, syncCalls: calls, inSyncMs: Math.round(performance.now() - t0) };
  } finally {
    device!.disconnect();
  }
}
