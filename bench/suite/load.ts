// The load client: real socket.io-client devices in this process, an open-loop sender (messages
// go out on schedule whether or not earlier ones were acked, as users do), and latency measured
// from each message's SCHEDULED send time to its arrival at a recipient device, so that a server
// falling behind shows as latency and not as a politely lower offered rate.
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { BenchUser, Target } from "./targets";

export type Device = Socket;

export function connect(target: Target, user: BenchUser): Promise<Device> {
  const s = io(target.url, { auth: user.auth, transports: ["websocket"], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

/** Connects every user, `parallel` at a time. */
export async function connectAll(target: Target, users: BenchUser[], parallel = 50): Promise<Device[]> {
  const out: Device[] = new Array(users.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < users.length) {
        const i = next++;
        out[i] = await connect(target, users[i]!);
      }
    }),
  );
  return out;
}

export const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? null : +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2);

export interface Sender {
  device: Device;
  channelId: string;
}

export interface LoadResult {
  offered: number;
  sent: number;
  acked: number;
  failed: number;
  /** Deliveries to recipients that were expected. */
  expected: number;
  delivered: number;
  /** Deliveries per second over the send window (recipients counted once per message). */
  achievedMsgsPerSec: number;
  latencyMs: { p50: number | null; p90: number | null; p99: number | null; max: number | null };
}

/**
 * Sends `rate` messages/s for `seconds`, round-robin over `senders`; every recipient device
 * (not the sender) in `recipients` of the message's channel reports arrival.
 */
export async function openLoop(
  senders: Sender[],
  recipientsOf: Map<string, Device[]>,
  rate: number,
  seconds: number,
  drainMs = 5000,
): Promise<LoadResult> {
  const scheduled: number[] = [];
  const latencies: number[] = [];
  let delivered = 0;
  let lastArrival = 0;
  let expected = 0;
  const handlers: [Device, (m: { body: string }) => void][] = [];
  for (const devices of recipientsOf.values()) {
    for (const d of devices) {
      const h = (m: { body: string }) => {
        const k = Number(m.body.slice(2));
        const at = scheduled[k];
        if (at === undefined) return;
        const now = performance.now();
        latencies.push(now - at);
        delivered++;
        lastArrival = now;
      };
      d.on("message", h);
      handlers.push([d, h]);
    }
  }
  let sent = 0;
  let acked = 0;
  let failed = 0;
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000));
      while (sent < due) {
        const k = sent++;
        const s = senders[k % senders.length]!;
        scheduled[k] = t0 + (k * 1000) / rate;
        expected += recipientsOf.get(s.channelId)?.length ?? 0;
        s.device.timeout(30_000).emit("message:send", { channelId: s.channelId, clientMsgId: randomUUID(), body: `b ${k}` }, (err: unknown, r: { ok?: boolean }) => {
          if (err || !r?.ok) failed++;
          else acked++;
        });
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const end = performance.now() + drainMs;
  while ((delivered < expected || acked + failed < sent) && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  for (const [d, h] of handlers) d.off("message", h);
  latencies.sort((a, b) => a - b);
  const window = Math.max(seconds * 1000, lastArrival - t0);
  const perMessage = expected / Math.max(1, sent);
  const measured = { acked, failed, delivered };
  // An overloaded server still works off its backlog after the measurement: wait for every ack
  // (up to a minute), so that the next step or scenario starts on an idle server.
  const settleEnd = performance.now() + 60_000;
  while (acked + failed < sent && performance.now() < settleEnd) await new Promise((r) => setTimeout(r, 50));
  ({ acked, failed, delivered } = measured);
  return {
    offered: rate,
    sent,
    acked,
    failed,
    expected,
    delivered,
    achievedMsgsPerSec: Math.round(delivered / perMessage / (window / 1000)),
    latencyMs: { p50: pct(latencies, 50), p90: pct(latencies, 90), p99: pct(latencies, 99), max: pct(latencies, 100) },
  };
}
