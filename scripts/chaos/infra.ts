// The shared parts the nodes need: one PostgreSQL database and one Redis. A DATABASE_URL names a
// server to create a fresh database on (dropped afterwards); without it an embedded PostgreSQL is
// started in a temp folder, as the app itself would, and all three nodes are given its URL.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../../server/db/embedded-postgres";

export interface Infra {
  databaseUrl: string;
  database: "DATABASE_URL" | "embedded PostgreSQL";
  redisUrl: string;
  redisStream: string;
  /** Temp folder: node logs, the embedded cluster. */
  dir: string;
  close(keep: boolean): Promise<void>;
}

export async function startInfra(log: (line: string) => void): Promise<Infra> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chat-chaos-"));
  fs.chmodSync(dir, 0o755); // run as root, the embedded server's user `postgres` must enter it
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const redisStream = `chat-chaos-${randomBytes(4).toString("hex")}`;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(
      `no Redis at ${redisUrl} (${(err as Error).message}): several nodes need one. ` +
        "Start one (e.g. `redis-server --port 6379 --save ''`) or set REDIS_URL.",
    );
  }

  const closers: Array<(keep: boolean) => Promise<void>> = [];
  closers.push(async () => {
    // The stream and the rate-limit counters of this run only (all named after the stream).
    for (let cursor = "0"; ; ) {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${redisStream}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === "0") break;
    }
    redis.disconnect();
  });

  let databaseUrl: string;
  let database: Infra["database"];
  if (process.env.DATABASE_URL) {
    database = "DATABASE_URL";
    const base = process.env.DATABASE_URL;
    const name = `chat_chaos_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    log(`database: ${name} on DATABASE_URL's server`);
    closers.unshift(async (keep) => {
      if (keep) return log(`kept database ${name}`);
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
  } else {
    database = "embedded PostgreSQL";
    const dataDir = path.join(dir, "db");
    // Its warnings to stderr: stdout carries only the result.
    const pgLog = pino({ level: "error" }, pino.destination(2));
    const embedded = await startEmbeddedPostgres(dataDir, pgLog, {
      onUnexpectedExit: (info) => {
        console.error(`the embedded PostgreSQL exited unexpectedly (${JSON.stringify(info)})`);
        process.exit(1);
      },
    });
    databaseUrl = embedded.url;
    log(`database: embedded PostgreSQL in ${dataDir} (no DATABASE_URL)`);
    closers.unshift(() => embedded.stop());
  }
  return {
    databaseUrl,
    database,
    redisUrl,
    redisStream,
    dir,
    async close(keep) {
      for (const c of closers) await c(keep).catch((err: unknown) => console.error("cleanup:", (err as Error).message));
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      else log(`kept ${dir}`);
    },
  };
}
