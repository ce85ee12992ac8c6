// The send limit counted in Postgres in batches (server/limits/batched-postgres-quota.ts): takes
// of one event-loop turn share one statement, and still exactly `points` of them pass per window,
// per key, across batches and across two nodes counting the same key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatchedPostgresQuota } from "../../server/limits/batched-postgres-quota";
import { type DomainEnv, startDomainEnv } from "./support/domain-env";

let env: DomainEnv;
beforeAll(async () => {
  env = await startDomainEnv();
});
afterAll(() => env?.close());

const outcomes = (ps: Promise<void>[]) =>
  Promise.all(ps.map((p) => p.then(() => "ok", (e: { code?: string }) => e.code ?? String(e))));

describe("batched Postgres quota", () => {
  it("lets exactly `points` takes of a key through in a window, in one batch or many, on one node or two", async () => {
    const a = createBatchedPostgresQuota(env.db, { name: "bq", points: 5, windowSeconds: 60 }, "too many");
    const b = createBatchedPostgresQuota(env.db, { name: "bq", points: 5, windowSeconds: 60 }, "too many");
    // One turn: 3 takes of k1 on a, 4 of k1 on b, 2 of k2 on a.
    const first = await outcomes([a.take("k1"), a.take("k1"), a.take("k1"), b.take("k1"), b.take("k1"), b.take("k1"), b.take("k1"), a.take("k2"), a.take("k2")]);
    expect(first.slice(0, 7).filter((o) => o === "ok")).toHaveLength(5);
    expect(first.slice(0, 7).filter((o) => o === "rate_limited")).toHaveLength(2);
    expect(first.slice(7)).toEqual(["ok", "ok"]);
    // A later batch: k1 is used up, k2 has 3 left.
    const later = await outcomes([a.take("k1"), a.take("k2"), a.take("k2"), a.take("k2"), a.take("k2")]);
    expect(later).toEqual(["rate_limited", "ok", "ok", "ok", "rate_limited"]);
  });

  it("starts counting again once the window has passed", async () => {
    const q = createBatchedPostgresQuota(env.db, { name: "bw", points: 2, windowSeconds: 1 }, "too many");
    expect(await outcomes([q.take("k"), q.take("k"), q.take("k")])).toEqual(["ok", "ok", "rate_limited"]);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await outcomes([q.take("k"), q.take("k"), q.take("k")])).toEqual(["ok", "ok", "rate_limited"]);
  });
});
