// What one connection may send, per event: a token bucket each (a burst, then a steady rate),
// kept in the connection's own memory since the budget is per connection. Past its budget an
// event is answered `rate_limited` and not run at all (a refused `typing` reaches nobody); a
// connection that keeps sending refused events is disconnected. `message:send` is not here: it
// is limited per user across all processes (server/messages/send-limiter.ts).
import type { ClientEventName } from "../../lib/contract/events";

export interface Budget {
  /** Events allowed at once. */
  burst: number;
  /** Events allowed per second after the burst. */
  perSecond: number;
}

// Sized for what the web client does (app/_client): typing at most every 3 s per channel, a
// heartbeat every 25 s, sync page by page while catching up (retrying 3 s after a refusal),
// read marks as conversations are opened, presence:subscribe as the visible members change.
export const EVENT_BUDGETS: Partial<Record<ClientEventName, Budget>> = {
  typing: { burst: 10, perSecond: 1 },
  heartbeat: { burst: 10, perSecond: 0.2 },
  sync: { burst: 60, perSecond: 2 },
  read: { burst: 60, perSecond: 5 },
  "presence:subscribe": { burst: 20, perSecond: 1 },
  // A person edits and deletes by hand; reactions come in quick taps (and are undone as fast).
  "message:edit": { burst: 20, perSecond: 2 },
  "message:delete": { burst: 20, perSecond: 2 },
  reaction: { burst: 30, perSecond: 5 },
};

/**
 * The table for this server: clients must beat within HEARTBEAT_TIMEOUT_MS, so a server
 * configured with a short timeout (tests) allows ten heartbeats per timeout.
 */
export function eventBudgets(heartbeatTimeoutMs: number): Partial<Record<ClientEventName, Budget>> {
  const heartbeat = EVENT_BUDGETS.heartbeat!;
  return { ...EVENT_BUDGETS, heartbeat: { ...heartbeat, perSecond: Math.max(heartbeat.perSecond, 10_000 / heartbeatTimeoutMs) } };
}

/** More refused events than this within the window: the connection is closed. */
export const ABUSE_LIMIT = { refusals: 20, windowMs: 10_000 };

export type Verdict = "ok" | "limited" | "abusive";

export interface ConnectionBudget {
  take(event: ClientEventName): Verdict;
}

export function createConnectionBudget(
  budgets: Partial<Record<ClientEventName, Budget>> = EVENT_BUDGETS,
  abuse = ABUSE_LIMIT,
  now: () => number = Date.now,
): ConnectionBudget {
  const buckets = new Map<ClientEventName, { tokens: number; at: number }>();
  let refusals: number[] = [];
  return {
    take(event) {
      const budget = budgets[event];
      if (!budget) return "ok";
      const t = now();
      const b = buckets.get(event) ?? { tokens: budget.burst, at: t };
      b.tokens = Math.min(budget.burst, b.tokens + ((t - b.at) / 1000) * budget.perSecond);
      b.at = t;
      buckets.set(event, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return "ok";
      }
      refusals = refusals.filter((r) => r > t - abuse.windowMs);
      refusals.push(t);
      return refusals.length > abuse.refusals ? "abusive" : "limited";
    },
  };
}
