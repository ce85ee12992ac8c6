// Straight to pg, for the few statements every connect runs (the socket handshake, a device's row
// and presence, its disconnect). Prisma's $queryRaw costs about twice a pg query in CPU (its query
// interpreter, parameter and result mapping, tracing hooks and promise chain: ≈ 80 µs more per
// statement on the bench machine), and at hundreds of connects a second those statements were
// the largest part of a connect's CPU after Socket.IO itself (docs/performance.md, "connect CPU").
// Everything else keeps Prisma: this is for hot paths with fixed, hand-written SQL only.
import pg from "pg";
import type { Db } from "./types";

const pools = new WeakMap<object, pg.Pool>();

/** Called by createDatabase: the pool behind this client, for `rawQuery`. */
export function registerPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

// Prisma's DateTime columns are `timestamp(3)` (no time zone) holding UTC; pg would read them in
// the process's local zone. Parsed here as UTC, as Prisma does.
const TIMESTAMP = 1114;
const utc = (s: string) => new Date(`${s.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP ? utc : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

/**
 * One statement with `$1…` parameters, its rows as objects. The same pool (and so the same
 * connection limit) as Prisma's; a client made without createDatabase (none in the app) goes
 * through Prisma's $queryRawUnsafe instead.
 */
export async function rawQuery<R>(db: Db, text: string, values: unknown[]): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) return db.$queryRawUnsafe<R[]>(text, ...values);
  return (await pool.query({ text, values, types })).rows as R[];
}
