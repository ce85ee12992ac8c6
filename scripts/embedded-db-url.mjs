// Prints the connection URL of the embedded PostgreSQL server that a running app started on
// DATA_DIR (default ./data), for pg_dump, psql or scripts/copy-database.ts:
//   pg_dump -Fc -f chat.dump "$(npm run -s db:url)"
// The server listens on 127.0.0.1 only: run this on the app's machine.
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.DATA_DIR || "./data");
const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
let lines;
try {
  lines = fs.readFileSync(pidFile, "utf8").split("\n");
} catch {
  console.error(`no embedded PostgreSQL is running on ${dataDir} (no ${pidFile}): start the app first`);
  process.exit(1);
}
const password = fs.readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
// postmaster.pid: pid, data dir, start time, port, socket dir, listen address, ...
console.log(`postgresql://postgres:${password}@127.0.0.1:${Number(lines[3])}/postgres?sslmode=disable`);
