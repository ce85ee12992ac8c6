// Failed log-ins per email (PROTOCOL.md: 429 after repeated failures, with Retry-After).
// Counters live in Postgres through rate-limiter-flexible, so every node sees the same count.
// Successful log-ins are never limited: only failures consume points.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db/types";
import { AppError } from "../errors";

export interface LoginLimiter {
  /** Throws rate_limited when this email has used up its failures. */
  check(email: string): Promise<void>;
  recordFailure(email: string): Promise<void>;
}

export function createLoginLimiter(db: Db, maxFailures: number, windowSeconds: number): LoginLimiter {
  const limiter = new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimiterFlexible",
    keyPrefix: "login",
    points: maxFailures,
    duration: windowSeconds,
  });
  const tooMany = (msBeforeNext: number) => {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AppError("rate_limited", `too many failed log-ins; try again in ${seconds} s`, {
      "Retry-After": String(seconds),
    });
  };
  return {
    async check(email) {
      const res = await limiter.get(email);
      if (res && res.consumedPoints >= maxFailures) throw tooMany(res.msBeforeNext);
    },
    async recordFailure(email) {
      try {
        await limiter.consume(email);
      } catch (err) {
        if (err instanceof RateLimiterRes) return; // already over: the next check answers 429
        throw err;
      }
    },
  };
}
