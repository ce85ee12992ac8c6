-- Server-side sessions: every browser log-in and every bearer token is one AuthSession row,
-- replacing ApiToken and User.sessionVersion. Tokens that still work carry over; browser cookies
-- from before have no session id and stop working (their users log in again).

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('browser', 'token');

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "tokenHash" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuthSession_tokenHash_key" ON "AuthSession"("tokenHash");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carry over the tokens that are still valid
INSERT INTO "AuthSession" ("id", "userId", "kind", "tokenHash", "createdAt", "lastUsedAt", "expiresAt")
SELECT t."id", t."userId", 'token', t."tokenHash", t."createdAt", t."createdAt", t."expiresAt"
FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
WHERE t."version" = u."sessionVersion" AND t."expiresAt" > CURRENT_TIMESTAMP;

-- DropTable
DROP TABLE "ApiToken";

-- AlterTable
ALTER TABLE "User" DROP COLUMN "sessionVersion";

-- AlterTable
ALTER TABLE "PushSubscription" ADD COLUMN "sessionId" TEXT;

-- CreateIndex
CREATE INDEX "PushSubscription_sessionId_idx" ON "PushSubscription"("sessionId");

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "AuthSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
