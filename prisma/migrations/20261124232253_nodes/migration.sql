-- CreateTable
CREATE TABLE "ChatNode" (
    "id" TEXT NOT NULL,
    "url" TEXT,
    "connections" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatNode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatNode_updatedAt_idx" ON "ChatNode"("updatedAt");
