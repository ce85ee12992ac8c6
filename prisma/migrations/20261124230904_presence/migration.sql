-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastDisconnectAt" TIMESTAMP(3),
ADD COLUMN     "presenceOnline" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "DeviceConnection" (
    "socketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceConnection_pkey" PRIMARY KEY ("socketId")
);

-- CreateIndex
CREATE INDEX "DeviceConnection_userId_idx" ON "DeviceConnection"("userId");

-- CreateIndex
CREATE INDEX "DeviceConnection_nodeId_idx" ON "DeviceConnection"("nodeId");

-- CreateIndex
CREATE INDEX "DeviceConnection_lastSeenAt_idx" ON "DeviceConnection"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "DeviceConnection" ADD CONSTRAINT "DeviceConnection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
