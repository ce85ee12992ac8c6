// A database of its own for each test file: a fresh database on the server named by DATABASE_URL
// (CI: the machine's Postgres), or, when unset, the embedded PostgreSQL the app starts in its
// temporary data folder (tempDataDir()).
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface TestDatabase {
  /** DATABASE_URL for the app, or undefined for the embedded one. */
  url: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `chat_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
