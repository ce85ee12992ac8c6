// The figures of a run, from what the clients saw and from the database itself.
// Definitions (docs/operations.md › Chaos runs says the same):
// - lost: acknowledged, but no row in the database with that sender, clientMsgId, channel and
//   the acknowledged seq; or, after the final sync, some member device does not hold it.
// - duplicated: two rows for one (sender, clientMsgId); two acks naming different seqs for one
//   message; a device holding one seq with two different clientMsgIds, or one clientMsgId at two
//   seqs.
// - seq gaps: per channel, seqs missing between 1 and the channel's lastSeq (or its highest seq).
// - missing after sync: per device, the seqs 1..highest of each of its channels that it does not
//   hold after the final `sync`.
// - out of order: a live `message` whose seq is ≤ the highest seq that device received live for
//   that channel since its last (re)connect; or, when the device held every seq up to that
//   highest one, a seq other than exactly highest + 1 (a skipped seq). The first live message of
//   a channel after a (re)connect is not judged (sync fills what came before).
// - never delivered live: an acknowledged message that a member device did not receive as a live
//   `message` although one connection of that device lasted from when the message was queued
//   until 2 s after its ack.
import pg from "pg";
import type { Device, Sent } from "./device";
import type { World } from "./world";

export const LIVE_GRACE_MS = 2000;

export interface Figures {
  sent: number;
  acked: number;
  refused: number;
  unacked: number;
  lost: number;
  lostInDb: number;
  lostInSync: number;
  duplicated: number;
  seqGaps: number;
  missingAfterSync: number;
  devicesMissing: number;
  outOfOrder: number;
  outOfOrderNotAfterPrevious: number;
  outOfOrderSkipped: number;
  neverDeliveredLive: number;
  liveChecks: number;
  examples: Record<string, string[]>;
}

export async function verify(databaseUrl: string, world: World, devices: Device[], sent: Sent[]): Promise<Figures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const channelIds = [...world.members.keys()];
  const rows = (
    await client.query<{ channelId: string; seq: number; senderId: string; clientMsgId: string }>(
      `SELECT "channelId", seq, "senderId", "clientMsgId" FROM "Message" WHERE "channelId" = ANY($1::text[])`,
      [channelIds],
    )
  ).rows;
  const lastSeq = new Map(
    (await client.query<{ id: string; lastSeq: number }>(`SELECT id, "lastSeq" FROM "Channel" WHERE id = ANY($1::text[])`, [channelIds])).rows.map(
      (r) => [r.id, r.lastSeq],
    ),
  );
  await client.end();

  const examples: Record<string, string[]> = {};
  const note = (what: string, s: string) => {
    const list = (examples[what] ??= []);
    if (list.length < 5) list.push(s);
  };

  // Database: duplicates by idempotency key, gaps per channel.
  const byKey = new Map<string, typeof rows>();
  const seqsOf = new Map<string, Set<number>>();
  for (const r of rows) {
    const k = `${r.senderId}:${r.clientMsgId}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
    if (!seqsOf.has(r.channelId)) seqsOf.set(r.channelId, new Set());
    seqsOf.get(r.channelId)!.add(r.seq);
  }
  let duplicated = 0;
  for (const [k, rs] of byKey) {
    if (rs.length > 1) {
      duplicated += rs.length - 1;
      note("duplicated", `${k} stored ${rs.length} times`);
    }
  }
  let seqGaps = 0;
  const highest = new Map<string, number>();
  for (const c of channelIds) {
    const seqs = seqsOf.get(c) ?? new Set<number>();
    const top = Math.max(lastSeq.get(c) ?? 0, ...seqs);
    highest.set(c, top);
    for (let s = 1; s <= top; s++) {
      if (!seqs.has(s)) {
        seqGaps++;
        note("seqGaps", `${c} lacks seq ${s} (lastSeq ${lastSeq.get(c)})`);
      }
    }
  }

  // Acknowledged messages: in the database, and on every member device after the final sync.
  const acked = sent.filter((s) => s.ackAt !== undefined);
  const devicesOf = new Map<number, Device[]>();
  for (const d of devices) devicesOf.set(d.user.index, [...(devicesOf.get(d.user.index) ?? []), d]);
  const lost = new Set<string>();
  let lostInDb = 0;
  let lostInSync = 0;
  let neverDeliveredLive = 0;
  let liveChecks = 0;
  for (const s of acked) {
    if (s.ackConflict !== undefined) {
      duplicated++;
      note("duplicated", `${s.clientMsgId} acked as seq ${s.seq} and ${s.ackConflict}`);
    }
    const row = byKey.get(`${s.senderId}:${s.clientMsgId}`)?.[0];
    if (!row || row.channelId !== s.channelId || row.seq !== s.seq) {
      lostInDb++;
      lost.add(s.clientMsgId);
      note("lost", `${s.clientMsgId} acked as ${s.channelId}:${s.seq}, database has ${row ? `${row.channelId}:${row.seq}` : "nothing"}`);
    }
    const memberDevices = world.members.get(s.channelId)!.flatMap((i) => devicesOf.get(i) ?? []);
    let missingOn = 0;
    for (const d of memberDevices) {
      if (d.held.get(s.channelId)?.get(s.seq!) !== s.clientMsgId) missingOn++;
      if (d.connectedThroughout(s.firstEmitAt, s.ackAt! + LIVE_GRACE_MS)) {
        liveChecks++;
        if (!d.live.has(`${s.channelId}:${s.seq}`)) {
          neverDeliveredLive++;
          note("neverDeliveredLive", `${s.channelId}:${s.seq} not live on ${d.key} (connected ${d.intervals.map((i) => `${i.from}-${i.to ?? "now"}`).join(",")}; acked ${s.ackAt})`);
        }
      }
    }
    if (missingOn) {
      lostInSync++;
      lost.add(s.clientMsgId);
      note("lostInSync", `${s.channelId}:${s.seq} missing on ${missingOn} device(s) after sync`);
    }
  }

  let missingAfterSync = 0;
  let devicesMissing = 0;
  let outOfOrderNotAfterPrevious = 0;
  let outOfOrderSkipped = 0;
  for (const d of devices) {
    let missing = 0;
    for (const c of d.user.channels) {
      const held = d.held.get(c)!;
      for (let s = 1; s <= (highest.get(c) ?? 0); s++) if (!held.has(s)) missing++;
    }
    if (missing) {
      devicesMissing++;
      note("missingAfterSync", `${d.key} lacks ${missing} message(s)`);
    }
    missingAfterSync += missing;
    for (const c of d.conflicts) {
      duplicated++;
      note("duplicated", `${d.key}: ${c}`);
    }
    for (const o of d.outOfOrder) {
      if (o.kind === "skipped") outOfOrderSkipped++;
      else outOfOrderNotAfterPrevious++;
      note("outOfOrder", `${d.key} ${o.channelId}: live seq ${o.seq} after ${o.previous} (${o.kind})`);
    }
  }

  return {
    sent: sent.length,
    acked: acked.length,
    refused: sent.filter((s) => s.failed).length,
    unacked: sent.filter((s) => s.ackAt === undefined && !s.failed).length,
    lost: lost.size,
    lostInDb,
    lostInSync,
    duplicated,
    seqGaps,
    missingAfterSync,
    devicesMissing,
    outOfOrder: outOfOrderNotAfterPrevious + outOfOrderSkipped,
    outOfOrderNotAfterPrevious,
    outOfOrderSkipped,
    neverDeliveredLive,
    liveChecks,
    examples,
  };
}

export const MUST_BE_ZERO = ["lost", "duplicated", "seqGaps", "missingAfterSync", "outOfOrder", "neverDeliveredLive"] as const;
