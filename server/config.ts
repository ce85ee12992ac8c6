// Configuration: read from the environment and validated once, at start. A bad value stops the
// process with a message naming the variable, before anything listens or touches data.
import path from "node:path";
import { z } from "zod";
import { isIpOrCidr } from "./net/ip-ranges";

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const nonNegativeInt = z.coerce.number().int().min(0);
/** 1/true/yes or 0/false/no. */
const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DB_POOL_MAX: positiveInt.max(200).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Failed log-ins allowed per email from one client address in LOGIN_WINDOW_SECONDS before 429. */
  LOGIN_MAX_FAILURES: positiveInt.default(10),
  /** Failed log-ins allowed per client address (any email) in LOGIN_WINDOW_SECONDS. */
  LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(50),
  /**
   * Failed log-ins allowed per email from all addresses together; 0 = no such limit (default):
   * anyone could otherwise lock the owner out by failing on purpose.
   */
  LOGIN_MAX_FAILURES_PER_EMAIL: nonNegativeInt.default(0),
  LOGIN_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /** Messages one user may send per MESSAGE_RATE_WINDOW_SECONDS, counted across all processes. */
  MESSAGE_RATE_LIMIT: positiveInt.default(100),
  MESSAGE_RATE_WINDOW_SECONDS: positiveInt.default(10),
  /** Who may sign up: anyone, only with an invite code from a user, or nobody. */
  SIGNUP_MODE: z.enum(["open", "invite", "closed"]).default("open"),
  /** Sign-up attempts allowed per client address in SIGNUP_WINDOW_SECONDS. */
  SIGNUP_MAX_PER_IP: positiveInt.default(10),
  SIGNUP_WINDOW_SECONDS: positiveInt.default(3600),
  /** How long an invite link works, and how many each user may make per day. */
  INVITE_TTL_HOURS: positiveInt.max(24 * 365).default(7 * 24),
  INVITE_MAX_PER_DAY: positiveInt.default(50),
  /** Socket.IO connections one user may hold at once, over all nodes. */
  MAX_CONNECTIONS_PER_USER: positiveInt.default(20),
  /** Web Push subscriptions (devices) one user may register. */
  MAX_PUSH_SUBSCRIPTIONS_PER_USER: positiveInt.default(20),
  /**
   * Lets push endpoints point at loopback or private addresses. Only for tests against a local
   * fake push service: it lets any user make the server send requests inside its network.
   */
  PUSH_ALLOW_PRIVATE_ENDPOINTS: flag.default(false),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs). Empty: the
   * client address is the socket's peer, and X-Forwarded-For is ignored.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isIpOrCidr, "must be IP addresses or CIDR ranges")))
    .default([]),
  /** After a user's last device leaves, how long before others see them offline (5–60 s). */
  PRESENCE_GRACE_MS: positiveInt.max(60_000).default(15_000),
  /** How often each node refreshes its devices and announces offline users. */
  PRESENCE_SWEEP_MS: positiveInt.max(60_000).default(5_000),
  /** A connection that sent no heartbeat for this long is closed as a zombie. */
  HEARTBEAT_TIMEOUT_MS: positiveInt.default(90_000),
  /** How often each node writes its heartbeat (its ChatNode row: alive, and its connection count). */
  NODE_HEARTBEAT_MS: positiveInt.max(60_000).default(2_000),
  /**
   * A node not heard from for this long is taken as dead: discovery stops naming it and its
   * devices count as gone (their users go offline after PRESENCE_GRACE_MS, counted from when the
   * node was last heard from). At least 3 × NODE_HEARTBEAT_MS.
   */
  NODE_TIMEOUT_MS: positiveInt.default(10_000),
  /** Names this process in presence rows; unique per process by default. */
  NODE_ID: z.string().min(1).max(100).optional(),
  /** Web Push (VAPID) keys; generated once and kept in the database when unset. */
  VAPID_PUBLIC_KEY: z.string().min(40).optional(),
  VAPID_PRIVATE_KEY: z.string().min(20).optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://").default("mailto:admin@localhost"),
  /** Push notifications (jobs in the PushJob table): how many one node sends at once. */
  PUSH_CONCURRENCY: positiveInt.max(100).default(4),
  /** Each push request gives up after this long (then it is retried). */
  PUSH_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
  /** How often each node looks for due push jobs (it also looks at once after storing a message). */
  PUSH_POLL_MS: positiveInt.max(60_000).default(1000),
  /** A node's claim on a push job: other nodes take it after this if that node died. */
  PUSH_LEASE_MS: positiveInt.max(3_600_000).default(60_000),
  /** Waits before each retry of a failed push (ms, comma-separated); attempts = entries + 1. */
  PUSH_RETRY_DELAYS_MS: z
    .string()
    .transform((s) => s.split(",").map((x) => (x.trim() === "" ? NaN : Number(x))))
    .pipe(z.array(z.number().int().min(1).max(24 * 3600 * 1000)).max(20))
    .default([5_000, 30_000, 120_000, 600_000, 3_600_000]),
  /** Lifetime of bearer tokens from POST /api/tokens. */
  TOKEN_TTL_DAYS: positiveInt.max(3650).default(60),
  /** Live tokens one user may hold: a new one past this ends their least recently used one. */
  MAX_TOKENS_PER_USER: positiveInt.max(10_000).default(50),
  /** Lifetime of a browser log-in (its session cookie and its server-side session row). */
  SESSION_TTL_DAYS: positiveInt.max(365).default(30),
  /** Redis for several processes: Socket.IO events cross nodes through a Redis stream. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  /** Name of that stream: one per deployment sharing a Redis server. */
  REDIS_STREAM: z.string().min(1).max(100).regex(/^[\w:.-]+$/).default("chat"),
  /** Origins allowed to open sockets cross-origin (comma-separated), when discovery hands out other hosts. */
  CORS_ORIGINS: z
    .string()
    .transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url()))
    .optional(),
  /** Public URL of this node's socket server for GET /api/discovery; same origin when unset. */
  PUBLIC_URL: z.url().optional(),
  /**
   * Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-Host/-Proto/-For are
   * believed; from anyone else those headers are dropped. None by default, loopback included.
   */
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  /** On SIGTERM, answer /readyz 503 for this long before closing (load balancers stop sending). */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // ---- files (server/files) ----
  /** The largest upload, in bytes (PROTOCOL.md: 25 MiB by default); over it: 413 while streaming. */
  UPLOAD_MAX_BYTES: positiveInt.default(25 * 1024 * 1024),
  /** Bytes one user may upload per 24 hours (sent or not); over it: 429. */
  UPLOAD_QUOTA_BYTES_PER_DAY: positiveInt.default(1024 * 1024 * 1024),
  /** An upload no message uses is deleted after this long. */
  UPLOAD_UNSENT_TTL_SECONDS: positiveInt.default(24 * 3600),
  /** How often each node sweeps expired unsent uploads. */
  UPLOAD_SWEEP_MS: positiveInt.default(10 * 60_000),
  /** Images decoded at once per process (sharp runs on libuv's pool; each may take ~100 MB). */
  IMAGE_CONCURRENCY: positiveInt.max(16).default(2),
  /** Files in an S3-compatible bucket instead of DATA_DIR/files (needed with several servers). */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** For S3-compatible services (MinIO, R2, ...): their URL. AWS itself: unset. */
  S3_ENDPOINT: z.url().optional(),
  /** Unset: the AWS SDK's default credential chain (environment, instance role, ...). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Bucket in the path (http://host/bucket/key), as most S3-compatible servers want. */
  S3_FORCE_PATH_STYLE: flag.default(false),
}).superRefine((c, ctx) => {
  const s3Set = c.S3_ENDPOINT || c.S3_ACCESS_KEY_ID || c.S3_SECRET_ACCESS_KEY;
  if (s3Set && !c.S3_BUCKET) ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "required when other S3_ settings are given" });
  if (!!c.S3_ACCESS_KEY_ID !== !!c.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({ code: "custom", path: ["S3_SECRET_ACCESS_KEY"], message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together" });
  }
}).refine((c) => c.PUSH_LEASE_MS > 2 * c.PUSH_TIMEOUT_MS, {
  // A lease shorter than a send would let a second node send the same notification meanwhile.
  path: ["PUSH_LEASE_MS"],
  message: "must be more than twice PUSH_TIMEOUT_MS",
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "unset", as in most tools' .env handling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  // A node is taken for dead only after several missed heartbeats, never between two of them.
  if (parsed.data.NODE_TIMEOUT_MS < 3 * parsed.data.NODE_HEARTBEAT_MS) {
    throw new ConfigError("Invalid configuration:\n  NODE_TIMEOUT_MS: must be at least 3 × NODE_HEARTBEAT_MS");
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
