// One process per data folder: two apps starting their own Postgres on one cluster would fight
// over it (Postgres refuses a second postmaster, but the loser would then stop the winner's server
// as a "stale" one). The lock holds the app's pid; a lock left by a dead process is taken over.
import fs from "node:fs";
import path from "node:path";

export function lockDataDir(dataDir: string, name = "postgres.lock"): () => void {
  const lockPath = path.join(dataDir, name);
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

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
