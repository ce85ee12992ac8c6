// Failed log-ins (PROTOCOL.md: 429 after repeated failures, with Retry-After), counted in the
// shared store (server/limits/rate-limiters.ts) so every node sees the same count:
// - per email from one client address (LOGIN_MAX_FAILURES): guessing one account's password;
// - per client address, any email (LOGIN_MAX_FAILURES_PER_IP): guessing across accounts;
// - optionally per email from everywhere (LOGIN_MAX_FAILURES_PER_EMAIL, off by default): a
//   stranger failing on purpose would lock the real owner out, so it is only for operators who
//   prefer that to distributed guessing.
// Successful log-ins are never limited: only failures consume points.
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { type MakeLimiter, retryAfterSeconds } from "../limits/rate-limiters";
import { addressKey } from "../net/ip-ranges";

export interface LoginLimiter {
  /** Throws rate_limited when this email from this address, or this address, used up its failures. */
  check(email: string, ip: string): Promise<void>;
  recordFailure(email: string, ip: string): Promise<void>;
}

export interface LoginLimits {
  perEmailAndIp: number;
  perIp: number;
  /** 0: not limited. */
  perEmail: number;
  windowSeconds: number;
}

export function createLoginLimiter(make: MakeLimiter, l: LoginLimits): LoginLimiter {
  const counters: Array<{ limiter: RateLimiterAbstract; max: number; key: (email: string, ip: string) => string }> = [
    {
      limiter: make({ name: "login-email-ip", points: l.perEmailAndIp, windowSeconds: l.windowSeconds }),
      max: l.perEmailAndIp,
      key: (email, ip) => `${addressKey(ip)}|${email}`,
    },
    {
      limiter: make({ name: "login-ip", points: l.perIp, windowSeconds: l.windowSeconds }),
      max: l.perIp,
      key: (_email, ip) => addressKey(ip),
    },
  ];
  if (l.perEmail > 0) {
    counters.push({
      limiter: make({ name: "login-email", points: l.perEmail, windowSeconds: l.windowSeconds }),
      max: l.perEmail,
      key: (email) => email,
    });
  }
  return {
    async check(email, ip) {
      const states = await Promise.all(counters.map((c) => c.limiter.get(c.key(email, ip))));
      const waits = states.flatMap((res, i) => (res && res.consumedPoints >= counters[i]!.max ? [res.msBeforeNext] : []));
      if (waits.length === 0) return;
      const seconds = retryAfterSeconds(Math.max(...waits));
      throw new AppError("rate_limited", `too many failed log-ins; try again in ${seconds} s`, {
        "Retry-After": String(seconds),
      });
    },
    async recordFailure(email, ip) {
      // Over the limit rejects with a RateLimiterRes: counted all the same, and the next check answers 429.
      await Promise.all(counters.map((c) => c.limiter.consume(c.key(email, ip)).catch((err: unknown) => {
        if (err instanceof Error) throw err;
      })));
    },
  };
}
