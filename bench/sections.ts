// `BENCH=send,fanout,catchup,search,files npm run bench`: the older in-process sections (speed figures
// for the paths users feel, printed as JSON). Runs the real app in-process on loopback against
// DATABASE_URL (a fresh database there) or the embedded one. Sizes are fixed so runs compare.
import { randomUUID } from "node:crypto";
import { searchTerms } from "../server/search/search-terms";
import { benchFiles } from "./files";
import { seedUsers } from "../tests/support/seed";
import { api, call, type ClientSocket, closeAllDevices, connectDevice, startTestServer, type TestServer, type TestUser } from "../tests/support/test-server";

const sections = (process.env.BENCH ?? "send,fanout,catchup,search,files").split(",");
const results: Record<string, unknown> = {
  database: process.env.DATABASE_URL ? "postgres" : "embedded PostgreSQL",
  node: process.version,
  startedAt: new Date().toISOString(),
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(2);
};
const group = async (srv: TestServer, owner: TestUser, members: TestUser[], name: string) =>
  (await api(srv, "POST", "/api/channels", { token: owner.token, body: { kind: "group", name, memberIds: members.map((m) => m.id) } })).body.channel.id as string;

async function benchSend(srv: TestServer) {
  // 50 writers, each sending 40 messages back to back (waiting for each ack): one channel, then 50.
  const users = await seedUsers(srv, 50, "Writer");
  const out: Record<string, unknown> = {};
  for (const spread of [1, 50]) {
    const channels: string[] = [];
    for (let i = 0; i < spread; i++) channels.push(await group(srv, users[0]!, users.slice(1), `send-${spread}-${i}`));
    const devices = await Promise.all(users.map((u) => connectDevice(srv, { token: u.token })));
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      devices.map(async (d, i) => {
        for (let k = 0; k < 40; k++) {
          const s = performance.now();
          const ack = await call(d, "message:send", { channelId: channels[(i + k) % spread]!, clientMsgId: randomUUID(), body: `bench ${i} ${k}` });
          if (!ack.ok) throw new Error(JSON.stringify(ack));
          latencies.push(performance.now() - s);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    out[`${spread === 1 ? "oneChannel" : "fiftyChannels"}_50writers`] = {
      messages: latencies.length,
      msgsPerSec: Math.round(latencies.length / secs),
      ackMs: { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) },
    };
    closeAllDevices();
  }
  return out;
}

async function benchFanout(srv: TestServer) {
  const users = await seedUsers(srv, 500, "Fan");
  const channelId = await group(srv, users[0]!, users.slice(1), "fanout");
  const devices: ClientSocket[] = [];
  for (let i = 0; i < users.length; i += 50) devices.push(...(await Promise.all(users.slice(i, i + 50).map((u) => connectDevice(srv, { token: u.token })))));
  // From the emit to the last of the 500 devices getting `event`, five times.
  const timeFanout = async (event: "message" | "message:update", emit: (r: number) => Promise<{ ok: boolean }>) => {
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      let left = devices.length;
      const done = new Promise<void>((resolve) => devices.forEach((d) => d.once(event, () => --left === 0 && resolve())));
      const t0 = performance.now();
      const ack = await emit(r);
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      await done;
      rounds.push(performance.now() - t0);
    }
    return { p50: pct(rounds, 50), max: pct(rounds, 100) };
  };
  const send = await timeFanout("message", (r) => call(devices[0]!, "message:send", { channelId, clientMsgId: randomUUID(), body: `fan ${r}` }));
  const reaction = await timeFanout("message:update", (r) =>
    call(devices[1]!, "reaction", { channelId, seq: 1, emoji: ["👍", "🎉", "👀", "❤️", "😂"][r], on: true }),
  );
  const edit = await timeFanout("message:update", (r) => call(devices[0]!, "message:edit", { channelId, seq: 1, body: `fan 0, edit ${r}` }));
  closeAllDevices();
  return {
    members: 500,
    devices: devices.length,
    sendToLastDeliveryMs: send,
    reactionToLastUpdateMs: reaction,
    editToLastUpdateMs: edit,
  };
}

async function benchCatchup(srv: TestServer) {
  // A device that missed 10,000 messages over 50 channels syncs from its old cursors.
  const [me, other] = await seedUsers(srv, 2, "Away");
  const { db } = srv.app.services;
  const channels: string[] = [];
  for (let i = 0; i < 50; i++) channels.push(await group(srv, other!, [me!], `away-${i}`));
  for (const id of channels) {
    await db.$executeRaw`
      WITH ch AS (UPDATE "Channel" SET "lastSeq" = 200, version = 200 WHERE id = ${id} RETURNING id)
      INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", search, version)
      SELECT ${id}, g, ${other!.id}, 'missed message ' || g, ${id} || '-' || g, chat_search_vector('missed message ' || g), g
      FROM ch, generate_series(1, 200) g`;
  }
  const device = await connectDevice(srv, { token: me!.token });
  const cursors: Record<string, number> = Object.fromEntries(channels.map((c) => [c, 0]));
  const t0 = performance.now();
  let got = 0;
  let calls = 0;
  for (;;) {
    const r = await call(device, "sync", { cursors, limit: 1000 });
    calls++;
    for (const m of r.messages) cursors[m.channelId] = Math.max(cursors[m.channelId] ?? 0, m.seq);
    got += r.messages.length;
    if (!r.more) break;
  }
  const ms = performance.now() - t0;

  // Then, while it was away again, every one of those messages changed (an edit each, stamped
  // with the channel's next versions): it catches up with {seq, version} cursors.
  for (const id of channels) {
    await db.$executeRaw`
      WITH ch AS (UPDATE "Channel" SET version = 400 WHERE id = ${id} RETURNING id)
      UPDATE "Message" m SET body = 'edited ' || m.seq, search = chat_search_vector('edited ' || m.seq),
        "editedAt" = now(), version = 200 + m.seq
      FROM ch WHERE m."channelId" = ch.id`;
  }
  const held: Record<string, { seq: number; version: number }> = Object.fromEntries(channels.map((c) => [c, { seq: 200, version: 200 }]));
  const t1 = performance.now();
  let changes = 0;
  let changeCalls = 0;
  for (;;) {
    const r = await call(device, "sync", { cursors: held, limit: 1000 });
    changeCalls++;
    for (const m of r.updates) held[m.channelId]!.version = Math.max(held[m.channelId]!.version, m.version);
    changes += r.updates.length;
    if (!r.more) break;
  }
  const changesMs = performance.now() - t1;
  closeAllDevices();
  return {
    channels: 50,
    messages: got,
    syncCalls: calls,
    totalMs: Math.round(ms),
    changes: { updates: changes, syncCalls: changeCalls, totalMs: Math.round(changesMs) },
  };
}

async function benchSearch(srv: TestServer) {
  // 100,000 messages in channels the searcher is in and out of; Korean and English text.
  const [me, other] = await seedUsers(srv, 2, "Searcher");
  const { db } = srv.app.services;
  const mine = await group(srv, me!, [other!], "search-mine");
  const theirs = await group(srv, other!, [], "search-theirs");
  const texts = ["내일 회의는 3시입니다", "점심 뭐 먹을까요", "the quarterly meeting moved to friday", "deploy finished without errors", "회의실 예약 부탁드려요", "lunch at noon?", "주말 잘 보내세요", "review the budget draft"];
  for (const [id, n] of [[mine, 60_000], [theirs, 40_000]] as const) {
    await db.$executeRaw`
      WITH ch AS (UPDATE "Channel" SET "lastSeq" = ${n}, version = ${n} WHERE id = ${id} RETURNING id),
      t AS (SELECT g, (${texts}::text[])[1 + g % ${texts.length}] || ' #' || g AS body FROM generate_series(1, ${n}) g)
      INSERT INTO "Message" ("channelId", seq, "senderId", body, "clientMsgId", "createdAt", search, version)
      SELECT ${id}, t.g, ${other!.id}, t.body, ${id} || '-' || t.g, now() - (${n} - t.g) * interval '1 second', chat_search_vector(t.body), t.g
      FROM ch, t`;
  }
  await db.$executeRawUnsafe(`ANALYZE "Message"`);
  const out: Record<string, unknown> = { messages: 100_000 };
  for (const q of ["회의", "meeting", "budget draft", "없는단어"]) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await api(srv, "GET", `/api/search?q=${encodeURIComponent(q)}&limit=20`, { token: me!.token });
      times.push(performance.now() - t0);
      count = r.body.results.length;
    }
    const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN ANALYZE SELECT m.seq FROM "Message" m JOIN "Membership" mb ON mb."channelId" = m."channelId" AND mb."userId" = $1
       WHERE m.search @@ (plainto_tsquery('english', $2) && to_tsquery('simple', $3)) ORDER BY m."createdAt" DESC LIMIT 20`,
      me!.id,
      searchTerms(q).english,
      searchTerms(q).cjk,
    );
    const lines = plan.map((p) => p["QUERY PLAN"]);
    out[q] = {
      results: count,
      httpMs: { p50: pct(times, 50), max: pct(times, 100) },
      usesSearchIndex: lines.some((l) => l.includes("Message_search_idx")),
      planTop: lines.slice(0, 6).map((l) => l.trim()),
      executionMs: lines.find((l) => l.startsWith("Execution Time"))?.replace(/[^\d.]/g, ""),
    };
  }
  return out;
}

const srv = await startTestServer({ MESSAGE_RATE_LIMIT: "100000000", LOG_LEVEL: "error" });
try {
  if (sections.includes("send")) results.send = await benchSend(srv);
  if (sections.includes("fanout")) results.fanout = await benchFanout(srv);
  if (sections.includes("catchup")) results.catchup = await benchCatchup(srv);
  if (sections.includes("search")) results.search = await benchSearch(srv);
  if (sections.includes("files")) results.files = await benchFiles(srv);
} finally {
  closeAllDevices();
  await srv.stop();
}
console.log(JSON.stringify(results, null, 2));
process.exit(0);
