-- Messages that change: replies, edits, deletes (tombstones), reactions, and the per-channel
-- change counter (Channel.version) that sync catches up by. Read receipts can be turned off.
-- Backfill: before this migration a message changed only when it was sent, in seq order, so each
-- existing message takes version = seq and each channel version = lastSeq. That is exactly what
-- the counter would hold had it existed from the start (one step per send), so the channel's
-- counter is the maximum of its messages' versions and the next change takes lastSeq + 1.
-- No semicolons inside comments: the WASM migration tool splits scripts at each one.

-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

UPDATE "Channel" SET "version" = "lastSeq";

-- AlterTable: version is filled by every insert (store-messages.ts), so no default is kept.
ALTER TABLE "Message" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "replyTo" INTEGER,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

UPDATE "Message" SET "version" = "seq";

ALTER TABLE "Message" ALTER COLUMN "version" DROP DEFAULT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "readReceipts" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Reaction" (
    "channelId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("channelId","seq","userId","emoji")
);

-- CreateIndex
CREATE INDEX "Reaction_userId_idx" ON "Reaction"("userId");

-- CreateIndex
CREATE INDEX "Message_channelId_version_idx" ON "Message"("channelId", "version");

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_channelId_seq_fkey" FOREIGN KEY ("channelId", "seq") REFERENCES "Message"("channelId", "seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
