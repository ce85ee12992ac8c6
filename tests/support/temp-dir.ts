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
