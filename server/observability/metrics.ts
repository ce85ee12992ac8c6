// Prometheus metrics of one app (GET /metrics). Each app has its own registry (several apps may
// share a test process), every series labelled with the node id. Values owned by other parts
// (socket count, pool, push jobs) are read when scraped, through the `sources` callbacks; the
// rest are recorded by small hooks in server/app.ts and socket-timing.ts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { GateStats } from "../realtime/message-gate";

export interface MetricSources {
  nodeId: string;
  sockets(): number;
  pool(): { total: number; idle: number; waiting: number };
  push: {
    /** Jobs in the shared table (the same number on every node). */
    pending(): Promise<number>;
    counts(): { failed: number; dropped: number };
  };
  gate(): GateStats;
}

export interface Metrics {
  registry: Registry;
  messageStored(fanoutDevices: number): void;
  /** A client event answered through its ack (socket-timing.ts). */
  eventAnswered(event: string, seconds: number, ok: boolean): void;
}

const latencyBuckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(src: MetricSources): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ node: src.nodeId });
  // Process and Node.js metrics: CPU, memory, handles, GC, event-loop lag. The lag is sampled
  // every 100 ms, not prom-client's default 10 ms: a timer firing 100 times a second cost an idle
  // node ≈ 20 ms of CPU per second (docs/performance.md, "connect CPU"); a stall still shows as
  // one sample as long as the stall.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const registers = [registry];

  new Gauge({
    name: "chat_sockets_connected",
    help: "Socket.IO connections open on this node",
    registers,
    collect() {
      this.set(src.sockets());
    },
  });
  const stored = new Counter({ name: "chat_messages_stored_total", help: "Messages stored (retries not counted)", registers });
  const fanout = new Histogram({
    name: "chat_message_fanout_devices",
    help: "Devices on this node in the channel's room when a stored message was published",
    buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 5000],
    registers,
  });
  const ack = new Histogram({
    name: "chat_message_send_ack_seconds",
    help: "message:send from arrival to ack (stored, or refused)",
    labelNames: ["outcome"],
    buckets: latencyBuckets,
    registers,
  });
  const sync = new Histogram({
    name: "chat_sync_seconds",
    help: "sync from arrival to ack",
    labelNames: ["outcome"],
    buckets: latencyBuckets,
    registers,
  });
  new Gauge({
    name: "chat_push_queue_depth",
    help: "Push notifications not yet sent: jobs in the database, all nodes' (waiting, retrying or being sent)",
    registers,
    async collect() {
      this.set(await src.push.pending());
    },
  });
  // Counters owned by the push notifier: each scrape adds what it counted since the last one.
  const pushCounter = (name: string, help: string, pick: (c: ReturnType<MetricSources["push"]["counts"]>) => number) => {
    let seen = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const now = pick(src.push.counts());
        this.inc(now - seen);
        seen = now;
      },
    });
  };
  pushCounter(
    "chat_push_failures_total",
    "Push sends that failed (push service errors and timeouts; expired subscriptions excluded); most are retried",
    (c) => c.failed,
  );
  pushCounter(
    "chat_push_dropped_total",
    "Push notifications given up: every attempt failed, or still unsent when older than the push TTL (24 h)",
    (c) => c.dropped,
  );
  const gateSeen: GateStats = { emitted: 0, dropped: 0, filled: 0, gapsLeft: 0 };
  new Counter({
    name: "chat_message_gate_total",
    help: "Messages through this node's ordering gate: emitted, dropped (already emitted), filled (read from the database to close a gap), gaps_left (gaps left for devices to fetch)",
    labelNames: ["outcome"],
    registers,
    collect() {
      const now = src.gate();
      for (const [key, outcome] of [["emitted", "emitted"], ["dropped", "dropped"], ["filled", "filled"], ["gapsLeft", "gaps_left"]] as const) {
        this.inc({ outcome }, now[key] - gateSeen[key]);
        gateSeen[key] = now[key];
      }
    },
  });
  const pool = (name: string, help: string, pick: (p: ReturnType<MetricSources["pool"]>) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(pick(src.pool()));
      },
    });
  pool("chat_db_pool_connections", "Connections in this node's database pool", (p) => p.total);
  pool("chat_db_pool_idle", "Idle connections in this node's database pool", (p) => p.idle);
  pool("chat_db_pool_waiting", "Queries waiting for a database connection (pool exhausted)", (p) => p.waiting);

  return {
    registry,
    messageStored(devices) {
      stored.inc();
      fanout.observe(devices);
    },
    eventAnswered(event, seconds, ok) {
      const outcome = ok ? "ok" : "error";
      if (event === "message:send") ack.observe({ outcome }, seconds);
      else if (event === "sync") sync.observe({ outcome }, seconds);
    },
  };
}
