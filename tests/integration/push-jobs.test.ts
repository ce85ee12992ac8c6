// Push notifications are jobs in Postgres (PushJob), written with the message: retried with
// backoff when the push service fails, dropped and counted when out of attempts or too old,
// sent exactly once when two nodes share the table, and still sent after a node dies mid-delivery.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess } from "../support/app-process";
import { startFakePushService } from "../support/fake-push-service";
import { createTestDatabase } from "../support/test-database";
import {
  api,
  call,
  type ClientSocket,
  closeAllDevices,
  connectDevice,
  signUp,
  startTestServer,
  type TestServer,
  waitFor,
} from "../support/test-server";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hasPostgres = Boolean(process.env.DATABASE_URL);
let push: Awaited<ReturnType<typeof startFakePushService>>;

beforeAll(async () => {
  push = await startFakePushService();
});
afterAll(async () => {
  closeAllDevices();
  await push?.stop();
});

/** Ann (online, sends) and Bea (offline, `subs` devices with notifications on) in a new group. */
async function pair(srv: TestServer, subs = 1) {
  const [ann, bea] = await Promise.all([signUp(srv, "Ann"), signUp(srv, "Bea")]);
  const channelId = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "group", name: "Jobs", memberIds: [bea.id] } })).body.channel.id as string;
  const devices = [];
  for (let i = 0; i < subs; i++) {
    const s = push.subscribe();
    expect((await api(srv, "POST", "/api/push/subscriptions", { token: bea.token, body: s.json })).status).toBe(201);
    devices.push(s);
  }
  const annDevice = await connectDevice(srv, { token: ann.token });
  const say = async (body: string, device: ClientSocket = annDevice) => {
    const ack = await call(device, "message:send", { channelId, clientMsgId: randomUUID(), body });
    expect(ack.ok).toBe(true);
    return ack.message.seq as number;
  };
  return { ann, bea, channelId, subs: devices, say };
}

const pushesTo = (sub: { id: string }, seq?: number) =>
  push.received.filter((r) => r.subscription === sub.id && (seq === undefined || r.payload.seq === seq));
const requestsTo = (sub: { id: string }) => push.requests.filter((id) => id === sub.id).length;

async function jobsLeft(srv: TestServer, channelId: string) {
  return srv.app.services.db.$queryRaw<{ seq: number; attempts: number }[]>`SELECT seq, attempts FROM "PushJob" WHERE "channelId" = ${channelId}`;
}

/** The worker deletes a job just after the push service answered: wait for that. */
async function jobsDone(srv: TestServer, channelId: string) {
  for (let i = 0; i < 200 && (await jobsLeft(srv, channelId)).length > 0; i++) await sleep(25);
  return jobsLeft(srv, channelId);
}

async function metric(srv: TestServer, name: string) {
  const text: string = (await api(srv, "GET", "/metrics")).body;
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return Number(line?.split(" ").at(-1) ?? NaN);
}

describe("push jobs on one node", () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(
      { PUSH_ALLOW_PRIVATE_ENDPOINTS: "1", PUSH_RETRY_DELAYS_MS: "300,300", PUSH_POLL_MS: "100", PUSH_TIMEOUT_MS: "1500" },
      { pushCa: push.ca },
    );
  });
  afterAll(async () => {
    closeAllDevices();
    await srv?.stop();
  });

  it("writes no job when nobody but the sender could be notified", async () => {
    const { ann, channelId, say } = await pair(srv, 0);
    await say("nobody has notifications on");
    // Only the sender has notifications on.
    expect((await api(srv, "POST", "/api/push/subscriptions", { token: ann.token, body: push.subscribe().json })).status).toBe(201);
    await say("only I have them on");
    const rows = await srv.app.services.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Message" WHERE "channelId" = ${channelId}`;
    expect(rows[0]!.n).toBe(2);
    expect(await jobsLeft(srv, channelId)).toEqual([]);
    expect(await metric(srv, "chat_push_queue_depth")).toBe(0);
  });

  it("writes the job in the statement that stores the message", async () => {
    const { channelId, subs, say } = await pair(srv, 1);
    // Held unanswered: even if a worker is already sending it, the job stays in the table.
    push.hold(subs[0]!.id);
    const seq = await say("wait for me");
    expect(await jobsLeft(srv, channelId)).toEqual([{ seq, attempts: expect.any(Number) }]);
    push.hold(subs[0]!.id, false);
    // Sent before or after the hold ended (a held request times out after PUSH_TIMEOUT_MS and is retried).
    await waitFor(() => pushesTo(subs[0]!, seq).length === 1, 10_000, "the push after the timeout");
    expect(await jobsDone(srv, channelId)).toEqual([]);
  });

  it("retries after a 500 and sends once to each device: not again to the one that took it", async () => {
    const { channelId, subs, say } = await pair(srv, 2);
    const [fine, flaky] = subs as [(typeof subs)[0], (typeof subs)[0]];
    push.answerNext(flaky.id, [500]);
    const failedBefore = await metric(srv, "chat_push_failures_total");
    const seq = await say("second time lucky");
    await waitFor(() => pushesTo(flaky, seq).length > 0, 10_000, "the retried push");
    await sleep(500);
    expect(requestsTo(flaky)).toBe(2); // the 500, then the retry
    expect(pushesTo(flaky, seq)).toHaveLength(1);
    expect(requestsTo(fine)).toBe(1);
    expect(pushesTo(fine, seq)).toHaveLength(1);
    expect(await jobsLeft(srv, channelId)).toEqual([]);
    expect(await metric(srv, "chat_push_failures_total")).toBe(failedBefore + 1);
    expect(push.problems).toEqual([]);
  });

  it("drops a notification whose every attempt failed, and counts it", async () => {
    const { channelId, subs, say } = await pair(srv, 1);
    const sub = subs[0]!;
    push.answerNext(sub.id, [503, 503, 503, 503, 503]);
    const droppedBefore = await metric(srv, "chat_push_dropped_total");
    const failedBefore = await metric(srv, "chat_push_failures_total");
    await say("never arrives");
    await waitFor(() => requestsTo(sub) === 3, 10_000, "three attempts");
    expect(await jobsDone(srv, channelId)).toEqual([]);
    await sleep(800); // longer than any retry delay: no fourth attempt
    expect(requestsTo(sub)).toBe(3); // PUSH_RETRY_DELAYS_MS has 2 entries: 3 attempts
    expect(pushesTo(sub)).toEqual([]);
    await sleep(1100); // the queue depth is cached for a second
    expect(await metric(srv, "chat_push_dropped_total")).toBe(droppedBefore + 1);
    expect(await metric(srv, "chat_push_failures_total")).toBe(failedBefore + 3);
    expect(await metric(srv, "chat_push_queue_depth")).toBe(0);
  });

  it("drops a job older than the push TTL without sending it", async () => {
    const { channelId, subs, say } = await pair(srv, 1);
    const sub = subs[0]!;
    const seq = await say("fresh");
    await waitFor(() => pushesTo(sub, seq).length === 1, 10_000, "the fresh push");
    const droppedBefore = await metric(srv, "chat_push_dropped_total");
    // The job of a message stored a day ago whose notification never went out (e.g. every node down).
    await srv.app.services.db.$executeRaw`
      INSERT INTO "PushJob" ("channelId", seq, "createdAt") VALUES (${channelId}, ${seq}, now() - interval '25 hours')`;
    expect(await jobsDone(srv, channelId)).toEqual([]);
    expect(pushesTo(sub, seq)).toHaveLength(1);
    expect(await metric(srv, "chat_push_dropped_total")).toBe(droppedBefore + 1);
  });

  it.skipIf(!hasPostgres)("two nodes on one database send each notification exactly once", async () => {
    // Both poll every 20 ms and each wakes on its own sends: they race for every job.
    const fast = { PUSH_ALLOW_PRIVATE_ENDPOINTS: "1", PUSH_POLL_MS: "20", PUSH_CONCURRENCY: "8" };
    const two = await startTestServer({ ...fast, DATABASE_URL: srv.app.services.config.DATABASE_URL! }, { pushCa: push.ca });
    try {
      const { ann, subs, say } = await pair(srv, 1);
      const sub = subs[0]!;
      const annOnTwo = await connectDevice(two, { token: ann.token });
      const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) => say(`race ${i}`, i % 2 ? annOnTwo : undefined)));
      await waitFor(() => pushesTo(sub).length >= seqs.length, 20_000, "every push");
      await sleep(1000);
      expect(pushesTo(sub).map((r) => r.payload.seq).sort((a, b) => Number(a) - Number(b))).toEqual([...seqs].sort((a, b) => a - b));
      expect(requestsTo(sub)).toBe(seqs.length);
    } finally {
      await two.stop();
    }
  });
});

// Real processes on one database: the first is stopped (killed, or gracefully) while its push
// request hangs unanswered; a second one started afterwards sends the notification.
describe.skipIf(!hasPostgres)("a node stopped mid-delivery", () => {
  async function stopMidDelivery(signal: "SIGKILL" | "SIGTERM", settings: Record<string, string>) {
    const db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-push-crash-"));
    const caFile = path.join(dir, "push-ca.pem");
    fs.writeFileSync(caFile, push.ca);
    const env = {
      DATABASE_URL: db.url!,
      DATA_DIR: dir,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      PUSH_ALLOW_PRIVATE_ENDPOINTS: "1",
      // The processes trust the fake push service's certificate.
      NODE_EXTRA_CA_CERTS: caFile,
      LOG_LEVEL: "info",
      ...settings,
    };
    const start = async () => {
      const proc = startProcess({ ...env, PORT: String(await freePort()) });
      const port = await proc.listening;
      return { proc, srv: { url: `http://127.0.0.1:${port}` } as TestServer };
    };
    const sql = new pg.Client({ connectionString: db.url });
    let b: Awaited<ReturnType<typeof start>> | undefined;
    const a = await start();
    try {
      const { channelId, subs, say } = await pair(a.srv, 1);
      const sub = subs[0]!;
      push.hold(sub.id);
      const seq = await say("sent just before the stop");
      await waitFor(() => requestsTo(sub) === 1, 10_000, "the push request, held unanswered");
      a.proc.child.kill(signal);
      const code = await a.proc.exited;
      closeAllDevices();

      await sql.connect();
      const { rows } = await sql.query(`SELECT seq, attempts, "lockedBy" IS NOT NULL AS claimed FROM "PushJob" WHERE "channelId" = $1`, [channelId]);
      expect(pushesTo(sub)).toEqual([]);

      push.hold(sub.id, false);
      b = await start();
      await waitFor(() => pushesTo(sub, seq).length > 0, 60_000, "the push from the second process");
      await sleep(500);
      expect(pushesTo(sub, seq)).toHaveLength(1);
      expect(pushesTo(sub, seq)[0]!.payload.body).toBe("sent just before the stop");
      expect((await sql.query(`SELECT 1 FROM "PushJob"`)).rowCount).toBe(0);
      return { code, job: rows, seq };
    } finally {
      a.proc.child.kill("SIGKILL");
      b?.proc.child.kill("SIGKILL");
      await Promise.all([a.proc.exited, b?.proc.exited]);
      await sql.end().catch(() => undefined);
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("killed: the job stays claimed, and another process sends it once the lease runs out", { timeout: 240_000 }, async () => {
    const { job, seq } = await stopMidDelivery("SIGKILL", { PUSH_TIMEOUT_MS: "3000", PUSH_LEASE_MS: "6500" });
    expect(job).toEqual([{ seq, attempts: 1, claimed: true }]);
  });

  it("stopped gracefully: it waits for the send, then hands the job back for the next process at once", { timeout: 240_000 }, async () => {
    // The send hangs longer than close() waits (5 s); the lease would keep the job for 10 minutes,
    // longer than the second process is given to send it.
    const { code, job, seq } = await stopMidDelivery("SIGTERM", { PUSH_TIMEOUT_MS: "30000", PUSH_LEASE_MS: "600000" });
    expect(code).toBe(0);
    expect(job).toEqual([{ seq, attempts: 1, claimed: false }]);
  });
});
