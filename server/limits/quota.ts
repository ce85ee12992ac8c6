// A count of actions per key per window in the shared store, refused past its points with
// `rate_limited` and Retry-After (sign-ups per address, invites per user, messages per user).
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { type LimitSpec, type MakeLimiter, retryAfterSeconds } from "./rate-limiters";

export interface Quota {
  /** Counts one action for `key`; throws rate_limited when the window's points are used up. */
  take(key: string): Promise<void>;
}

export function createQuota(make: MakeLimiter, spec: LimitSpec, what: string): Quota {
  const limiter = make(spec);
  return {
    async take(key) {
      try {
        await limiter.consume(key);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const seconds = retryAfterSeconds(err.msBeforeNext);
        throw new AppError("rate_limited", `${what}; try again in ${seconds} s`, { "Retry-After": String(seconds) });
      }
    },
  };
}
