// A Quota counted in Postgres ("RateLimit", the table RateLimiterPostgres uses, same keys and
// the same fixed-window rule) with every take of one event-loop turn in ONE statement. The send
// limit is counted for every message: one upsert per message was one more commit per message
// next to the message's own (group-committed) statement, and commits are what the database
// runs out of first. The window rule: a key's window starts at its first point and lasts
// windowSeconds; past it the count starts again.
import { AppError } from "../errors";
import type { Db } from "../db/types";
import type { Quota } from "./quota";
import { type LimitSpec, retryAfterSeconds } from "./rate-limiters";

interface Take {
  key: string;
  resolve(): void;
  reject(err: unknown): void;
}

export function createBatchedPostgresQuota(db: Db, { name, points, windowSeconds }: LimitSpec, what: string): Quota {
  let pending: Take[] = [];

  async function flush() {
    const takes = pending;
    pending = [];
    // Points per key in this batch; the n-th take of a key is the n-th point it adds.
    const perKey = new Map<string, number>();
    for (const t of takes) perKey.set(t.key, (perKey.get(t.key) ?? 0) + 1);
    const keys = [...perKey.keys()];
    const now = Date.now();
    try {
      const rows = await db.$queryRaw<{ key: string; points: number; expire: bigint | number | null }[]>`
        INSERT INTO "RateLimit" (key, points, expire)
        SELECT k, n, ${now + windowSeconds * 1000}::bigint FROM unnest(${keys}::text[], ${keys.map((k) => perKey.get(k)!)}::int[]) AS b(k, n)
        ORDER BY k -- rows locked in key order: two nodes' batches cannot deadlock
        ON CONFLICT (key) DO UPDATE SET
          points = CASE WHEN "RateLimit".expire <= ${now}::bigint THEN excluded.points ELSE "RateLimit".points + excluded.points END,
          expire = CASE WHEN "RateLimit".expire <= ${now}::bigint THEN excluded.expire ELSE "RateLimit".expire END
        RETURNING key, points, expire`;
      const after = new Map(rows.map((r) => [r.key, { points: r.points, expire: Number(r.expire ?? 0) }]));
      const seen = new Map<string, number>();
      for (const t of takes) {
        const row = after.get(t.key)!;
        // This take's point: the count after the batch, less the points of later takes of the key.
        const nth = (seen.get(t.key) ?? 0) + 1;
        seen.set(t.key, nth);
        const count = row.points - (perKey.get(t.key)! - nth);
        if (count <= points) t.resolve();
        else {
          const seconds = retryAfterSeconds(row.expire - Date.now());
          t.reject(new AppError("rate_limited", `${what}; try again in ${seconds} s`, { "Retry-After": String(seconds) }));
        }
      }
    } catch (err) {
      for (const t of takes) t.reject(err);
    }
  }

  return {
    take(userKey) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ key: `${name}:${userKey}`, resolve, reject });
      });
    },
  };
}
