// A postmaster left running by an app that crashed (SIGKILL, power to the app only, OOM killer):
// Postgres keeps its pid in the cluster's postmaster.pid. We hold the data folder's lock, so no
// live app uses that server: stop it (a fast shutdown, which checkpoints) and start our own, whose
// exit we can watch.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { Logger } from "../log";
import { isAlive } from "./data-dir-lock";

export async function stopStalePostmaster(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  // A dead pid (or one now reused by another program) leaves a stale file Postgres removes itself.
  if (!pid || !isAlive(pid) || !isPostgres(pid)) return;
  log.warn({ pid, dataDir: pgDir }, "stopping a PostgreSQL server left running by an earlier process of this app");
  try {
    process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, checkpoints
  } catch (err) {
    throw new Error(`a PostgreSQL server (pid ${pid}) still runs on ${pgDir} and cannot be stopped by this user`, { cause: err });
  }
  if (await exited(pid, 60_000)) return;
  log.warn({ pid }, "stale PostgreSQL server did not stop within 60 s: immediate shutdown");
  process.kill(pid, "SIGQUIT");
  if (!(await exited(pid, 10_000))) throw new Error(`could not stop the PostgreSQL server (pid ${pid}) on ${pgDir}`);
}

function isPostgres(pid: number): boolean {
  try {
    const cmd = fs.existsSync("/proc")
      ? fs.readFileSync(`/proc/${pid}/cmdline`, "utf8")
      : execFileSync("ps", ["-p", String(pid), "-o", "command="], { encoding: "utf8" });
    return /postgres/.test(cmd);
  } catch {
    return false;
  }
}

async function exited(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}
