// Health, readiness, metrics and request ids, as a load balancer, an orchestrator and Prometheus
// see them: real HTTP against the real app.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  call,
  closeAllDevices,
  connectDevice,
  signUp,
  startTestServer,
  type TestServer,
  waitFor,
} from "../support/test-server";

const METRICS_TOKEN = "metrics-token-0123456789";
const NODE_ID = `obs-node-${randomUUID().slice(0, 8)}`;

describe("health, metrics and request ids", () => {
  let srv: TestServer;
  beforeAll(async () => {
    // SHUTDOWN_DELAY_MS: the window in which a stopping node answers /readyz with 503.
    srv = await startTestServer({ METRICS_TOKEN, NODE_ID, SHUTDOWN_DELAY_MS: "3000" });
  });
  afterEach(() => closeAllDevices());

  it("answers /healthz 200 and /readyz 200 with each check ok", async () => {
    const health = await api(srv, "GET", "/healthz");
    expect(health.status).toBe(200);
    const ready = await api(srv, "GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: "ready", checks: { shutdown: "ok", database: "ok" } });
  });

  it("gives every response a request id, and keeps the caller's", async () => {
    const a = await api(srv, "GET", "/api/me");
    const b = await api(srv, "GET", "/api/me");
    expect(a.status).toBe(401);
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("x-request-id")).not.toBe(a.headers.get("x-request-id"));
    const mine = await api(srv, "GET", "/api/discovery", { headers: { "x-request-id": "lb-trace-42" } });
    expect(mine.headers.get("x-request-id")).toBe("lb-trace-42");
    // Not an id: a header line break or 200 characters are replaced by a fresh id.
    const junk = await api(srv, "GET", "/healthz", { headers: { "x-request-id": "x".repeat(200) } });
    expect(junk.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses /metrics without the bearer token when METRICS_TOKEN is set", async () => {
    expect((await api(srv, "GET", "/metrics")).status).toBe(401);
    expect((await api(srv, "GET", "/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const ok = await api(srv, "GET", "/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
  });

  it("counts a send and a sync in /metrics, every series labelled with the node id", async () => {
    const [alice, bob] = await Promise.all([signUp(srv, "Alice"), signUp(srv, "Bob")]);
    const ch = await api(srv, "POST", "/api/channels", { token: alice.token, body: { kind: "direct", memberIds: [bob.id] } });
    const aliceDevice = await connectDevice(srv, { token: alice.token });
    await connectDevice(srv, { token: bob.token });
    const ack = await call(aliceDevice, "message:send", { channelId: ch.body.channel.id, clientMsgId: randomUUID(), body: "hello" });
    expect(ack.ok).toBe(true);
    expect((await call(aliceDevice, "sync", { cursors: {} })).ok).toBe(true);

    const text: string = (await api(srv, "GET", "/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;
    // The sample of `name` whose labels include `labels` (Prometheus text format, any label order).
    const value = (name: string, labels: Record<string, string> = {}) => {
      const line = text.split("\n").find((l) => {
        const m = /^([\w:]+)(?:\{(.*)\})? /.exec(l);
        return m?.[1] === name && Object.entries(labels).every(([k, v]) => (m[2] ?? "").split(",").includes(`${k}="${v}"`));
      });
      expect(line, `${name} ${JSON.stringify(labels)}`).toBeDefined();
      expect(line, name).toContain(`node="${NODE_ID}"`);
      return Number(line!.split(" ").at(-1));
    };
    expect(value("chat_sockets_connected")).toBe(2);
    expect(value("chat_messages_stored_total")).toBe(1);
    expect(value("chat_message_send_ack_seconds_count", { outcome: "ok" })).toBe(1);
    expect(value("chat_sync_seconds_count", { outcome: "ok" })).toBe(1);
    // Both members' devices were in the channel's room when the message went out.
    expect(value("chat_message_fanout_devices_sum")).toBe(2);
    expect(value("chat_push_queue_depth")).toBe(0); // nobody has notifications on: no job was written
    expect(value("chat_push_failures_total")).toBe(0);
    expect(value("chat_push_dropped_total")).toBe(0);
    expect(value("chat_db_pool_waiting")).toBe(0);
    expect(value("chat_db_pool_connections")).toBeGreaterThan(0);
    expect(value("nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(value("process_resident_memory_bytes")).toBeGreaterThan(0);
    // Every sample line, not only ours, carries the node label.
    const samples = text.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(samples.filter((l) => !l.includes(`node="${NODE_ID}"`))).toEqual([]);
  });

  it("answers /readyz 503 while shutting down, and /healthz still 200", async () => {
    const stopping = srv.stop();
    const ready = await api(srv, "GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.checks.shutdown).toBe("shutting down");
    expect((await api(srv, "GET", "/healthz")).status).toBe(200);
    await stopping;
  });
});

describe("readiness when the database goes away", () => {
  let srv: TestServer;
  let databaseDied = false;
  beforeAll(async () => {
    srv = await startTestServer({}, { onDatabaseExit: () => void (databaseDied = true) });
  });
  afterAll(() => srv?.stop());

  it("answers /readyz 503 naming the database, /healthz still 200", async () => {
    expect((await api(srv, "GET", "/readyz")).status).toBe(200);
    const url = srv.app.services.config.DATABASE_URL;
    if (url) {
      // A server of our own: the database disappears under the app.
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    } else {
      // The embedded server dies (the app is told instead of exiting, to be asked while down).
      const pidFile = path.join(srv.app.services.config.dataDir, "postgres", "postmaster.pid");
      process.kill(Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]), "SIGKILL");
      await waitFor(() => databaseDied, 10_000, "the app to notice");
    }
    const ready = await api(srv, "GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toMatch(/error|no answer/);
    expect((await api(srv, "GET", "/healthz")).status).toBe(200);
  });
});
