// Messages per user per window (MESSAGE_RATE_LIMIT per MESSAGE_RATE_WINDOW_SECONDS): stops a
// runaway script from flooding a channel. Counted in the shared store (Redis or Postgres, see
// server/limits/rate-limiters.ts), so the limit holds however many nodes the user's devices are
// spread over: with Redis one small round trip per message; with Postgres one statement per
// event-loop turn for all the messages of that turn (batched-postgres-quota.ts).
import type { Db } from "../db/types";
import { createBatchedPostgresQuota } from "../limits/batched-postgres-quota";
import type { MakeLimiter } from "../limits/rate-limiters";
import { createQuota, type Quota } from "../limits/quota";

/** `take(userId)` throws rate_limited when the user has used up the window. */
export type SendLimiter = Quota;

const spec = (points: number, windowSeconds: number) => ({ name: "send", points, windowSeconds });

export function createSendLimiter(make: MakeLimiter, points: number, windowSeconds: number): SendLimiter {
  return createQuota(make, spec(points, windowSeconds), "too many messages");
}

/** The same limit, same counters, counted in Postgres in batches. */
export function createPostgresSendLimiter(db: Db, points: number, windowSeconds: number): SendLimiter {
  return createBatchedPostgresQuota(db, spec(points, windowSeconds), "too many messages");
}
