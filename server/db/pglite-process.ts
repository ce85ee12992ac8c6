// The embedded Postgres, run in a child process so PGlite's WASM work stays off the chat server's
// event loop. It serves the data folder over the Postgres wire protocol on a loopback port and
// tells its parent the port over IPC. It exits when the parent goes away.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error("usage: forked with the data folder as its argument");
  process.exit(2);
}

const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
await server.start();

let closing = false;
async function close(code: number) {
  if (closing) return;
  closing = true;
  await server.stop().catch(() => {});
  await db.close().catch(() => {});
  process.exit(code);
}
process.on("disconnect", () => void close(0));
process.on("SIGTERM", () => void close(0));
process.on("SIGINT", () => {}); // the parent decides when we stop (it still needs the db to shut down)

const address = server.getServerConn(); // "127.0.0.1:PORT"
process.send({ type: "ready", port: Number(address.split(":").pop()) });
