import { describe, expect, it } from "vitest";
import { createConnectionBudget, EVENT_BUDGETS, eventBudgets } from "./event-budgets";

describe("createConnectionBudget", () => {
  it("allows a burst, then the steady rate, and calls continued refusals abusive", () => {
    let t = 0;
    const budget = createConnectionBudget({ typing: { burst: 3, perSecond: 1 } }, { refusals: 2, windowMs: 10_000 }, () => t);
    expect([1, 2, 3, 4].map(() => budget.take("typing"))).toEqual(["ok", "ok", "ok", "limited"]);
    t += 1000;
    expect(budget.take("typing")).toBe("ok");
    expect(budget.take("typing")).toBe("limited");
    expect(budget.take("typing")).toBe("abusive");
    // Events without a budget are never counted.
    expect(budget.take("message:send")).toBe("ok");
  });

  it("forgets old refusals", () => {
    let t = 0;
    const budget = createConnectionBudget({ read: { burst: 1, perSecond: 0.01 } }, { refusals: 1, windowMs: 1000 }, () => t);
    expect(budget.take("read")).toBe("ok");
    expect(budget.take("read")).toBe("limited");
    t += 5000;
    expect(budget.take("read")).toBe("limited");
  });
});

describe("eventBudgets", () => {
  it("allows ten heartbeats per heartbeat timeout, never fewer than the table", () => {
    expect(eventBudgets(2000).heartbeat!.perSecond).toBe(5);
    expect(eventBudgets(90_000).heartbeat!.perSecond).toBe(EVENT_BUDGETS.heartbeat!.perSecond);
    expect(eventBudgets(2000).typing).toEqual(EVENT_BUDGETS.typing);
  });
});
