// Messages per user per window (MESSAGE_RATE_LIMIT per MESSAGE_RATE_WINDOW_SECONDS): stops a
// runaway script from flooding a channel. Counted in this process's memory: on the hot path a
// shared store would cost a round trip per message; with N nodes a user gets at most N× the rate.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";

export interface SendLimiter {
  /** Throws rate_limited when the user has used up the window. */
  take(userId: string): Promise<void>;
}

export function createSendLimiter(points: number, windowSeconds: number): SendLimiter {
  const limiter = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: "send" });
  return {
    async take(userId) {
      try {
        await limiter.consume(userId);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        throw new AppError("rate_limited", `too many messages; try again in ${seconds} s`);
      }
    },
  };
}
