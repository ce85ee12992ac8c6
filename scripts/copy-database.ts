// Copies the chat's data from one PostgreSQL database to another: embedded → a server, a server →
// embedded, an old PGlite folder (served by the previous release) → either. Works with any client
// version, needs no pg_dump (the embedded package ships none) and no superuser.
//
//   node --import tsx scripts/copy-database.ts FROM_URL TO_URL
//
// The source is read in one REPEATABLE READ transaction: a consistent snapshot even while its app
// runs. The target gets the migrations first and must hold no users, channels or messages (a
// freshly started app's settings are replaced); it is written in one transaction, so a failed
// copy leaves it as it was. Restart the target's app afterwards (it read its settings at start). Live connection state (device and node rows)
// is not copied: it belongs to processes that are not the new ones.
import path from "node:path";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { createLogger } from "../server/log";

const SKIP = new Set(["_prisma_migrations", "DeviceConnection", "ChatNode"]);
// Written by any app's first start (its generated Web Push keys) or transient: the source's win.
// Existing push subscriptions were made with the source's keys.
const REPLACE = new Set(["AppSetting", "RateLimiterFlexible"]);
const BATCH = 1000;

const [fromUrl, toUrl] = process.argv.slice(2);
if (!fromUrl || !toUrl) {
  console.error("usage: node --import tsx scripts/copy-database.ts FROM_URL TO_URL");
  process.exit(2);
}
const log = createLogger("info");

await migrate(toUrl, path.resolve(import.meta.dirname, "..", "prisma", "migrations"), log);
const from = new pg.Client({ connectionString: fromUrl });
const to = new pg.Client({ connectionString: toUrl });
await from.connect();
await to.connect();
try {
  await checkMigrations(from, to);
  const tables = await tablesInForeignKeyOrder(to);
  await from.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  await to.query("BEGIN");
  for (const table of tables) {
    const q = pg.escapeIdentifier(table);
    if (REPLACE.has(table)) await to.query(`DELETE FROM ${q}`);
    const { rows } = await to.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q}) AS any`);
    if (rows[0]!.any) throw new Error(`the target already holds data (table ${table}): copy into an empty database`);
    const columns = await insertableColumns(to, table);
    const list = columns.map((c) => pg.escapeIdentifier(c)).join(", ");
    // Rows travel as JSON text: every type (timestamps, arrays, tsvector, bytea) round-trips
    // through its text form, whatever the two servers' versions.
    await from.query(`DECLARE c NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${q} t`);
    let copied = 0;
    for (;;) {
      const batch = await from.query<{ j: string }>(`FETCH ${BATCH} FROM c`);
      if (batch.rows.length === 0) break;
      await to.query(`INSERT INTO ${q} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${q}, $1::json)`, [
        `[${batch.rows.map((r) => r.j).join(",")}]`,
      ]);
      copied += batch.rows.length;
    }
    await from.query("CLOSE c");
    log.info({ table, rows: copied }, "copied");
  }
  await to.query("COMMIT");
  await from.query("COMMIT");
  log.info("done: start the app on the target");
} catch (err) {
  await to.query("ROLLBACK").catch(() => {});
  log.fatal({ err }, "copy failed; the target is unchanged");
  process.exitCode = 1;
} finally {
  await from.end();
  await to.end();
}

async function checkMigrations(source: pg.Client, target: pg.Client) {
  const names = async (c: pg.Client) =>
    new Set(
      (await c.query<{ n: string }>(`SELECT migration_name AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map(
        (r) => r.n,
      ),
    );
  const [s, t] = [await names(source), await names(target)];
  const unknown = [...s].filter((n) => !t.has(n));
  if (unknown.length) throw new Error(`the source has migrations this code does not know (${unknown.join(", ")}): copy with the newer release`);
  const missing = [...t].filter((n) => !s.has(n));
  // Older source: its rows fit the newer schema as long as the new columns have defaults or
  // accept NULL, which is how this project writes migrations.
  if (missing.length) log.warn({ missing }, "the source is at an older schema; new columns get their defaults");
}

/** Parents before children, so every foreign key holds as rows arrive. */
async function tablesInForeignKeyOrder(c: pg.Client): Promise<string[]> {
  const { rows: tables } = await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
  const { rows: edges } = await c.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pcl.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pcl ON pcl.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid`,
  );
  const names = tables.map((t) => t.name).filter((n) => !SKIP.has(n));
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t)) return;
    if (visiting.has(t)) throw new Error(`foreign keys form a cycle through ${t}`);
    visiting.add(t);
    for (const e of edges) if (e.child === t && names.includes(e.parent)) visit(e.parent);
    visiting.delete(t);
    order.push(t);
  };
  names.sort().forEach(visit);
  return order;
}

async function insertableColumns(c: pg.Client, table: string): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [pg.escapeIdentifier(table)],
  );
  return rows.map((r) => r.name);
}
