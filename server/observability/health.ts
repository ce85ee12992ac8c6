// Liveness and readiness. /healthz: the process answers (its event loop turns). /readyz: this node
// can do its work now: the database answers `SELECT 1`, Redis (when configured) answers PING, every
// migration this code knows is applied, and the app is not shutting down. A load balancer sends
// traffic only to ready nodes; an orchestrator restarts a node that stops being live.
import type { Redis } from "ioredis";
import type pg from "pg";

export interface ReadinessDeps {
  pool: pg.Pool;
  redis: Redis | null;
  /** Names of the migrations in prisma/migrations. */
  migrations: string[];
  timeoutMs?: number;
}

export type CheckResult = "ok" | string;

export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }>;
  /** From now on not ready: the node is draining. */
  markShuttingDown(): void;
}

export function createReadiness(d: ReadinessDeps): Readiness {
  const timeoutMs = d.timeoutMs ?? 2000;
  let shuttingDown = false;
  // Applied migrations are never unapplied by the app: once all are seen, stop asking.
  let migrationsApplied = false;

  const database = async (): Promise<CheckResult> => {
    await d.pool.query("SELECT 1");
    if (!migrationsApplied) {
      const { rows } = await d.pool.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Set(rows.map((r) => r.migration_name));
      const missing = d.migrations.filter((m) => !applied.has(m));
      if (missing.length) return `migrations not applied: ${missing.join(", ")}`;
      migrationsApplied = true;
    }
    return "ok";
  };
  const redis = async (): Promise<CheckResult> => {
    if (d.redis!.status !== "ready") return `redis ${d.redis!.status}`;
    await d.redis!.ping();
    return "ok";
  };

  return {
    async check() {
      const checks: Record<string, CheckResult> = {};
      checks.shutdown = shuttingDown ? "shutting down" : "ok";
      [checks.database, checks.redis] = await Promise.all([
        within(timeoutMs, database),
        d.redis ? within(timeoutMs, redis) : Promise.resolve("ok"),
      ]);
      if (!d.redis) delete checks.redis;
      return { ready: Object.values(checks).every((c) => c === "ok"), checks };
    },
    markShuttingDown() {
      shuttingDown = true;
    },
  };
}

async function within(ms: number, check: () => Promise<CheckResult>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((r) => (timer = setTimeout(() => r(`no answer within ${ms} ms`), ms)));
  try {
    return await Promise.race([check().catch((err: unknown) => `error: ${(err as Error).message}`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
