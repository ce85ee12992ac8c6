// A temporary DATA_DIR. mkdtemp makes it 0700; run as root, the embedded PostgreSQL runs as the
// user `postgres`, which must be able to enter it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDataDir(prefix = "chat-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/**
 * Removes a DATA_DIR, first killing a PostgreSQL server still running on it (an app killed by a
 * test, or a failed test, leaves its server behind: it outlives the app by design).
 */
export function removeDataDir(dir: string): void {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    if (pid) process.kill(pid, "SIGKILL");
  } catch {
    /* no server, or gone already */
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
