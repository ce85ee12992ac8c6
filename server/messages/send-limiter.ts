// Messages per user per window (MESSAGE_RATE_LIMIT per MESSAGE_RATE_WINDOW_SECONDS): stops a
// runaway script from flooding a channel. Counted in the shared store (Redis or Postgres, see
// server/limits/rate-limiters.ts): one small round trip per message buys a limit that holds
// however many nodes the user's devices are spread over.
import type { MakeLimiter } from "../limits/rate-limiters";
import { createQuota, type Quota } from "../limits/quota";

/** `take(userId)` throws rate_limited when the user has used up the window. */
export type SendLimiter = Quota;

export function createSendLimiter(make: MakeLimiter, points: number, windowSeconds: number): SendLimiter {
  return createQuota(make, { name: "send", points, windowSeconds }, "too many messages");
}
