// The domain tier's world: a real, migrated database and the domain's services, with no HTTP
// server and no socket. What the domain would tell devices is recorded by an EventLog instead.
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../../server/app";
import type { AppServices } from "../../../server/app-services";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../../server/db/embedded-postgres";
import { migrate } from "../../../server/db/migrate";
import { createPrisma } from "../../../server/db/prisma";
import type { Db } from "../../../server/db/types";
import { createLogger } from "../../../server/log";
import { createLocalFileStore } from "../../../server/files/local-file-store";
import type { FileStore } from "../../../server/files/file-store";
import { createMembershipCache } from "../../../server/channels/membership-cache";
import { createChannelWriter } from "../../../server/messages/channel-writer";
import { createSendLimiter } from "../../../server/messages/send-limiter";
import { createLimiterFactory } from "../../../server/limits/rate-limiters";
import { createTestDatabase } from "../../support/test-database";
import { EventLog } from "./event-log";
import { tempDataDir } from "../../support/temp-dir";

export type DomainServices = Pick<AppServices, "db" | "publisher" | "writer" | "members" | "sendLimiter" | "log"> & {
  files: { store: FileStore };
};

export interface DomainEnv extends DomainServices {
  events: EventLog;
  /** A user straight in the database (sign-up's password hashing is not what these tests are about). */
  addUser(name: string): Promise<string>;
  close(): Promise<void>;
}

let users = 0;

export async function startDomainEnv(): Promise<DomainEnv> {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "warn");
  const testDb = await createTestDatabase();
  let embedded: EmbeddedPostgres | null = null;
  // Files of deleted messages are removed from this folder's store.
  const dataDir = tempDataDir("chat-domain-");
  if (!testDb.url) embedded = await startEmbeddedPostgres(dataDir, log);
  const url = testDb.url ?? embedded!.url;
  await migrate(url, path.join(projectRoot, "prisma", "migrations"), log);
  const db: Db = createPrisma(url, 4);
  const events = new EventLog(db);
  const writer = createChannelWriter({ db, publisher: events, log });
  return {
    db,
    log,
    events,
    publisher: events,
    writer,
    files: { store: createLocalFileStore(dataDir) },
    members: createMembershipCache(db),
    sendLimiter: createSendLimiter(createLimiterFactory({ db }), 1_000_000, 60),
    async addUser(name) {
      const u = await db.user.create({
        data: { name, email: `${name.toLowerCase()}.${process.pid}.${++users}@domain.test`, passwordHash: "-" },
      });
      return u.id;
    },
    async close() {
      await db.$disconnect();
      await embedded?.stop();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
