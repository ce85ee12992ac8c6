// Starts the whole app in this process: database (embedded or DATABASE_URL) → migrations →
// Next.js + Socket.IO on one HTTP server. Returns a handle to stop it in order. This is the
// composition root: every service is built here once, into one AppServices, and handed to the
// socket server and (per request) to the routes. Several apps may run in one process.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import next from "next";
import type { AppServices } from "./app-services";
import { resolveAuthSecret } from "./auth/auth-secret";
import { createLoginLimiter } from "./auth/login-limiter";
import { runWithPeer } from "./http/client-ip";
import { createQuota } from "./limits/quota";
import { createLimiterFactory } from "./limits/rate-limiters";
import type { Config } from "./config";
import { startEmbeddedPostgres } from "./db/embedded-postgres";
import { migrate } from "./db/migrate";
import { createDatabase } from "./db/prisma";
import { createFileStore } from "./files/file-store";
import { handleDiscoveryRequest } from "./discovery/discovery-route";
import { handleFileRequest } from "./files/file-routes";
import { createImagePipeline } from "./files/image-pipeline";
import { startUploadSweeper, sweepStaging } from "./files/upload-sweeper";
import { createHttpEdge } from "./http/http-edge";
import type { Logger } from "./log";
import { createChannelWriter } from "./messages/channel-writer";
import { createMembershipCache } from "./channels/membership-cache";
import { createPostgresSendLimiter, createSendLimiter } from "./messages/send-limiter";
import { observeApp } from "./observability/observe-app";
import { createPushNotifier } from "./push/push-notifier";
import { resolveVapidKeys } from "./push/vapid-keys";
import { createChatServer, createSocketServer } from "./realtime/chat-server";
import { createMessageDelivery } from "./realtime/message-delivery";
import { createSocketPublisher } from "./realtime/socket-publisher";
import { runWithServices } from "./runtime";

export interface RunningApp {
  port: number;
  url: string;
  /** This app's services (tests seed its database through them). */
  services: AppServices;
  close(): Promise<void>;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface StartOptions {
  dev?: boolean;
  /** For tests: a certificate authority push requests trust (a local fake push service). */
  pushCa?: Buffer | string;
  /** The embedded database's server died (default: log and exit the process with 1). */
  onDatabaseExit?: (info: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

export async function startApp(config: Config, log: Logger, opts: StartOptions = {}): Promise<RunningApp> {
  const authSecret = resolveAuthSecret(config.AUTH_SECRET, config.dataDir);
  // Auth.js (inside Next) reads these from the environment: apps sharing a process must share
  // AUTH_SECRET for browser log-in (tokens and cookie checks use each app's own authSecret).
  process.env.AUTH_SECRET = authSecret;
  process.env.AUTH_TRUST_HOST = "true";
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(config.dataDir, log, { onUnexpectedExit: opts.onDatabaseExit });
  const closers: Array<() => Promise<unknown>> = [];
  if (embedded) closers.push(() => embedded.stop());
  try {
    const dbUrl = config.DATABASE_URL ?? embedded!.url;
    const migrationsDir = path.join(projectRoot, "prisma", "migrations");
    await migrate(dbUrl, migrationsDir, log);
    const { db, pool } = createDatabase(dbUrl, config.DB_POOL_MAX);
    closers.unshift(() => db.$disconnect());
    const vapid = await resolveVapidKeys(db, config);
    const nodeId = config.NODE_ID ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
    const push = createPushNotifier({
      db,
      log,
      vapid,
      egress: { allowPrivate: config.PUSH_ALLOW_PRIVATE_ENDPOINTS, ca: opts.pushCa },
      workerId: nodeId,
      concurrency: config.PUSH_CONCURRENCY,
      timeoutMs: config.PUSH_TIMEOUT_MS,
      pollMs: config.PUSH_POLL_MS,
      leaseMs: config.PUSH_LEASE_MS,
      retryDelaysMs: config.PUSH_RETRY_DELAYS_MS,
    });
    closers.unshift(() => push.close());

    const nextApp = next({ dev: !!opts.dev, dir: projectRoot, hostname: "localhost", port: config.PORT });
    await nextApp.prepare();
    const handle = nextApp.getRequestHandler();
    const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null }) : null;
    if (redis) {
      await redis.connect();
      closers.unshift(async () => void (await redis.quit()));
    }
    // Counters every process of the deployment shares (rate limits): Redis when there is one.
    const makeLimiter = createLimiterFactory({ db, redis: redis ? { client: redis, prefix: config.REDIS_STREAM } : undefined });
    const io = createSocketServer({
      redis: redis ? { client: redis, stream: config.REDIS_STREAM } : undefined,
      corsOrigins: config.CORS_ORIGINS,
    });
    // Messages reach devices through each node's ordering gate; with Redis, other nodes' via the adapter.
    const delivery = createMessageDelivery(io, { db, log, clustered: !!redis });
    const publisher = createSocketPublisher(io, delivery, { clustered: !!redis });
    const writer = createChannelWriter({ db, publisher, log });
    // The statement that stored the message wrote its push job: look for it now. (Not when it
    // wrote none: at thousands of messages a second each wake was one more claim query.)
    writer.onStored((row) => row.pushJob && push.wake());
    const observability = observeApp({ config, log, nodeId, pool, redis, io, writer, gate: delivery.gate, push, migrationsDir });
    const services: AppServices = {
      config,
      log,
      authSecret,
      db,
      publisher,
      writer,
      members: createMembershipCache(db),
      sendLimiter: redis
        ? createSendLimiter(makeLimiter, config.MESSAGE_RATE_LIMIT, config.MESSAGE_RATE_WINDOW_SECONDS)
        : createPostgresSendLimiter(db, config.MESSAGE_RATE_LIMIT, config.MESSAGE_RATE_WINDOW_SECONDS),
      loginLimiter: createLoginLimiter(makeLimiter, {
        perEmailAndIp: config.LOGIN_MAX_FAILURES,
        perIp: config.LOGIN_MAX_FAILURES_PER_IP,
        perEmail: config.LOGIN_MAX_FAILURES_PER_EMAIL,
        windowSeconds: config.LOGIN_WINDOW_SECONDS,
      }),
      signupQuota: createQuota(
        makeLimiter,
        { name: "signup-ip", points: config.SIGNUP_MAX_PER_IP, windowSeconds: config.SIGNUP_WINDOW_SECONDS },
        "too many sign-ups from this address",
      ),
      inviteQuota: createQuota(
        makeLimiter,
        { name: "invite-user", points: config.INVITE_MAX_PER_DAY, windowSeconds: 24 * 3600 },
        "too many invite links today",
      ),
      push,
      presence: {
        nodeId,
        graceMs: config.PRESENCE_GRACE_MS,
        sweepEveryMs: config.PRESENCE_SWEEP_MS,
        heartbeatTimeoutMs: config.HEARTBEAT_TIMEOUT_MS,
        nodeTimeoutMs: config.NODE_TIMEOUT_MS,
        nodeHeartbeatMs: config.NODE_HEARTBEAT_MS,
      },
      vapidPublicKey: vapid.publicKey,
      files: {
        store: await createFileStore(config),
        images: createImagePipeline(config.IMAGE_CONCURRENCY),
        stagingDir: path.join(config.dataDir, "files", "staging"),
        maxBytes: config.UPLOAD_MAX_BYTES,
        quotaBytesPerDay: config.UPLOAD_QUOTA_BYTES_PER_DAY,
      },
    };
    // Staging lives next to the local objects (same file system: a put is a rename). A bucket that
    // does not answer stops the start here, not at the first upload.
    await services.files.store.check();
    await fs.mkdir(services.files.stagingDir, { recursive: true });
    await sweepStaging(services.files.stagingDir);
    const sweeper = startUploadSweeper({
      db,
      store: services.files.store,
      stagingDir: services.files.stagingDir,
      ttlSeconds: config.UPLOAD_UNSENT_TTL_SECONDS,
      everyMs: config.UPLOAD_SWEEP_MS,
      log,
    });
    closers.unshift(() => sweeper.stop());
    const edge = createHttpEdge(config, !!opts.dev);
    const httpServer = http.createServer((req, res) => {
      // Health, readiness and metrics are answered here, before Next.
      const reqLog = observability.onRequest(req, res);
      if (!reqLog) return;
      if (edge(req, res)) return;
      if (handleDiscoveryRequest(req, res, services, reqLog)) return;
      // Uploads and downloads stream on the Node request, before Next (server/files/file-routes.ts).
      if (handleFileRequest(req, res, services, reqLog)) return;
      // Route handlers find this app's services with getRuntime() (server/runtime.ts); their log
      // lines carry the request id. The socket's peer address, for clientIp() (server/http/client-ip.ts).
      runWithServices({ ...services, log: reqLog }, () => runWithPeer(req.socket.remoteAddress, () => handle(req, res))).catch((err: unknown) => {
        reqLog.error({ err, url: req.url }, "request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    const chat = createChatServer(httpServer, io, services);
    if (opts.dev) {
      const upgrade = nextApp.getUpgradeHandler();
      httpServer.on("upgrade", (req, socket, head) => {
        if (!req.url?.startsWith("/socket.io")) void upgrade(req, socket, head);
      });
    }
    await chat.ready;
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(config.PORT, config.HOST, () => resolve());
    });
    const address = httpServer.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    log.info({ port, database: embedded ? "embedded" : "DATABASE_URL" }, `chat listening on http://localhost:${port}`);

    closers.unshift(async () => {
      // Stop accepting, then close every socket (clients reconnect elsewhere and sync).
      const closed = new Promise<void>((r) => httpServer.close(() => r()));
      await chat.close();
      httpServer.closeAllConnections();
      await closed;
      await nextApp.close?.();
    });
    const close = async () => {
      // Not ready from now on, and no longer handed out by discovery (so that the clients closed
      // below reconnect elsewhere); keep serving for SHUTDOWN_DELAY_MS while load balancers notice.
      observability.markShuttingDown();
      await chat.withdraw().catch((err: unknown) => log.error({ err }, "leaving discovery failed"));
      if (config.SHUTDOWN_DELAY_MS) await new Promise((r) => setTimeout(r, config.SHUTDOWN_DELAY_MS));
      await runClosers(closers, log);
    };
    return { port, url: `http://localhost:${port}`, services, close };
  } catch (err) {
    await runClosers(closers, log);
    throw err;
  }
}

async function runClosers(closers: Array<() => Promise<unknown>>, log: Logger) {
  for (const close of closers.splice(0)) {
    await close().catch((err: unknown) => log.error({ err }, "error during shutdown"));
  }
}
