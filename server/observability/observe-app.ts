// Wires health, metrics and request logging into one app: the composition root (server/app.ts)
// builds this once and hands every HTTP request to `onRequest`.
import type http from "node:http";
import type { Redis } from "ioredis";
import type pg from "pg";
import type { Config } from "../config";
import { readMigrations } from "../db/migrate";
import { channelRoom } from "../events/publisher";
import type { Logger } from "../log";
import type { ChannelWriter } from "../messages/channel-writer";
import type { PushNotifier } from "../push/push-notifier";
import type { MessageGate } from "../realtime/message-gate";
import type { ChatIo } from "../realtime/types";
import { createReadiness } from "./health";
import { createMetrics } from "./metrics";
import { handleOpsRequest } from "./ops-routes";
import { logRequest } from "./request-log";
import { timeAcks } from "./socket-timing";

export interface ObservedParts {
  config: Config;
  log: Logger;
  nodeId: string;
  pool: pg.Pool;
  redis: Redis | null;
  io: ChatIo;
  writer: ChannelWriter;
  gate: MessageGate;
  push: PushNotifier;
  migrationsDir: string;
}

export interface Observability {
  /**
   * Gives the request its id and log line. Answers /healthz, /readyz and /metrics itself (and
   * returns null); otherwise returns the request's logger for the caller to go on with.
   */
  onRequest(req: http.IncomingMessage, res: http.ServerResponse): Logger | null;
  /** /readyz answers 503 from now on. */
  markShuttingDown(): void;
}

export function observeApp(p: ObservedParts): Observability {
  const metrics = createMetrics({
    nodeId: p.nodeId,
    sockets: () => p.io.of("/").sockets.size,
    pool: () => ({ total: p.pool.totalCount, idle: p.pool.idleCount, waiting: p.pool.waitingCount }),
    push: { pending: () => p.push.pendingJobs(), counts: () => p.push.counts() },
    gate: () => p.gate.stats(),
  });
  // Fan-out: the devices this node delivers the message to (other nodes count their own).
  p.writer.onStored((row) => metrics.messageStored(p.io.of("/").adapter.rooms.get(channelRoom(row.channelId))?.size ?? 0));
  p.io.on("connection", (socket) => timeAcks(socket, metrics));
  const readiness = createReadiness({ pool: p.pool, redis: p.redis, migrations: readMigrations(p.migrationsDir).map((m) => m.name) });
  const ops = { readiness, metrics, metricsToken: p.config.METRICS_TOKEN };
  return {
    onRequest(req, res) {
      const reqLog = logRequest(req, res, p.log);
      return handleOpsRequest(req, res, ops) ? null : reqLog;
    },
    markShuttingDown: () => readiness.markShuttingDown(),
  };
}
