-- Node liveness replaces the per-device refresh: a device row lives as long as its node's
-- ChatNode row is fresh (server/presence/presence-sweeper.ts).
DROP INDEX "DeviceConnection_lastSeenAt_idx";
ALTER TABLE "DeviceConnection" DROP COLUMN "lastSeenAt";

-- Discovery counts the clients it hands each node between heartbeats (server/discovery/node-registry.ts).
ALTER TABLE "ChatNode" ADD COLUMN "assignedRecent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "assignedPrior" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "draining" BOOLEAN NOT NULL DEFAULT false;
