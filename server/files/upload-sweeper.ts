// Deletes uploads no message took within UPLOAD_UNSENT_TTL_SECONDS, on every node, every
// UPLOAD_SWEEP_MS. Safe with several nodes and against a send claiming the same upload: rows are
// taken with FOR UPDATE SKIP LOCKED (each node takes different ones; a row a send is claiming is
// skipped, and one a send claimed meanwhile no longer matches `seq IS NULL`), deleted, and only
// then their objects. A crash between the two leaves objects without rows, never the reverse.
// Staging files older than an hour (left by a crash mid-upload) go too.
import fsp from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/types";
import type { Logger } from "../log";
import { objectKeys } from "./attachment-dto";
import type { FileStore } from "./file-store";

const BATCH = 500;
const STAGING_MAX_AGE_MS = 3600_000;

export async function sweepUnsentUploads(db: Db, store: FileStore, ttlSeconds: number): Promise<number> {
  let total = 0;
  for (;;) {
    const gone = await db.$queryRaw<{ id: string; thumbnail: boolean }[]>`
      DELETE FROM "Attachment" WHERE id IN (
        SELECT id FROM "Attachment"
        WHERE seq IS NULL AND "createdAt" < now() - make_interval(secs => ${ttlSeconds}::int)
        ORDER BY "createdAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING id, thumbnail`;
    await store.delete(gone.flatMap(objectKeys));
    total += gone.length;
    if (gone.length < BATCH) return total;
  }
}

export async function sweepStaging(stagingDir: string, maxAgeMs = STAGING_MAX_AGE_MS): Promise<void> {
  const names = await fsp.readdir(stagingDir).catch(() => [] as string[]);
  const cutoff = Date.now() - maxAgeMs;
  for (const n of names) {
    const p = path.join(stagingDir, n);
    const st = await fsp.stat(p).catch(() => null);
    if (st && st.mtimeMs < cutoff) await fsp.rm(p, { force: true });
  }
}

export function startUploadSweeper(o: { db: Db; store: FileStore; stagingDir: string; ttlSeconds: number; everyMs: number; log: Logger }) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= (async () => {
      const n = await sweepUnsentUploads(o.db, o.store, o.ttlSeconds);
      if (n > 0) o.log.info({ uploads: n }, "deleted unsent uploads");
      await sweepStaging(o.stagingDir);
    })()
      .catch((err: unknown) => o.log.error({ err }, "upload sweep failed"))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, o.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
