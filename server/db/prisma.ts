import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { registerPool } from "./raw-sql";
import type { Db } from "./types";

export function createPrisma(connectionString: string, max: number): Db {
  return createDatabase(connectionString, max).db;
}

/** The client and its pg pool (the pool's counts are metrics; readiness queries it directly). */
export function createDatabase(connectionString: string, max: number): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max });
  // disposeExternalPool: $disconnect() ends the pool, as when the adapter owns it.
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  registerPool(db, pool);
  return { db, pool };
}
