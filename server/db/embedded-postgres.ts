// Starts the embedded Postgres (PGlite) used when no DATABASE_URL is set: a local data folder,
// no server to install. PGlite runs with fsync off: fine for trying the app out, not for production.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../log";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedPostgres> {
  const pgDir = path.join(dataDir, "pglite");
  fs.mkdirSync(pgDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);

  const child = fork(path.join(here, "pglite-process.ts"), [pgDir], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopping = false;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("embedded Postgres did not start within 120 s")), 120_000);
    child.once("message", (m: { type?: string; port?: number }) => {
      clearTimeout(timer);
      if (m?.type === "ready" && typeof m.port === "number") resolve(m.port);
      else reject(new Error("embedded Postgres sent an unexpected message"));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded Postgres exited during start (code ${code})`));
    });
  }).catch((err) => {
    releaseLock();
    child.kill("SIGKILL");
    throw err;
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    // Without its database the server cannot keep any promise it makes: stop loudly.
    log.fatal({ code, signal }, "embedded Postgres exited unexpectedly");
    process.exit(1);
  });
  log.info({ dataDir: pgDir, port }, "embedded Postgres (PGlite) started; fsync is off: not for production");

  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      stopping = true;
      await stopChild(child);
      releaseLock();
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Two processes on one PGlite folder would corrupt it: refuse to share it. */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(fs.readFileSync(lockPath, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`the data folder ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR`);
      }
      fs.rmSync(lockPath, { force: true }); // left by a process that died
    }
  }
  throw new Error(`could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
