// The one place that picks where rate-limit counters live: Redis when the deployment has one
// (REDIS_URL), else the app's Postgres (table "RateLimit"). Either way every process of the
// deployment counts against the same numbers: a limit never multiplies with the node count.
import type { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from "rate-limiter-flexible";
import type { Db } from "../db/types";

export interface LimitSpec {
  /** Names the counter family; part of every key. */
  name: string;
  /** Hits allowed per window. */
  points: number;
  windowSeconds: number;
}

export type MakeLimiter = (spec: LimitSpec) => RateLimiterAbstract;

export interface RateLimiterStores {
  db: Db;
  /** With several nodes: counters in Redis, keys under `${prefix}:rl:`. */
  redis?: { client: Redis; prefix: string };
}

export function createLimiterFactory({ db, redis }: RateLimiterStores): MakeLimiter {
  if (redis) {
    return ({ name, points, windowSeconds }) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        useRedisPackage: false,
        keyPrefix: `${redis.prefix}:rl:${name}`,
        points,
        duration: windowSeconds,
        // Redis down: fail fast and count in this process's memory until it is back, rather
        // than hang every log-in and message on a queue of Redis commands.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `insurance:${name}`, points, duration: windowSeconds }),
      });
  }
  const storeClient = prismaQueryClient(db);
  let sweeping = false;
  return ({ name, points, windowSeconds }) => {
    // Each limiter could delete expired rows every 5 minutes; one doing it for the whole table is enough.
    const clearExpiredByTimeout = !sweeping;
    sweeping = true;
    return new RateLimiterPostgres({
      storeClient,
      storeType: "client",
      tableName: "RateLimit",
      // Created by migration *_abuse_limits, not by the library at run time.
      tableCreated: true,
      clearExpiredByTimeout,
      keyPrefix: name,
      points,
      duration: windowSeconds,
    });
  };
}

/**
 * RateLimiterPostgres over the app's own Prisma connection pool (the embedded PGlite allows one
 * connection, so a second pool is not an option): its `query({text, values})` calls become
 * `$queryRawUnsafe`, and Postgres `bigint`s come back as numbers, as node-postgres gives them.
 */
function prismaQueryClient(db: Db) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      if (/^\s*DELETE\b/i.test(q.text) && !/\bRETURNING\b/i.test(q.text)) {
        return { rows: [], rowCount: await db.$executeRawUnsafe(q.text, ...(q.values ?? [])) };
      }
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(q.text, ...(q.values ?? []));
      const plain = rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
      );
      return { rows: plain, rowCount: plain.length };
    },
  };
}

/** Seconds until a refused caller may try again, for Retry-After (at least 1). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}
