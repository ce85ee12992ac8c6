-- Files: uploads (Attachment rows, bytes in the FileStore) and the check the send statement
-- uses to attach them atomically with their message.
-- No semicolons inside comments: the WASM migration tool splits scripts at each one.

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "uploaderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "thumbnail" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" INTEGER,
    "position" INTEGER,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_channelId_seq_idx" ON "Attachment"("channelId", "seq");

-- CreateIndex
CREATE INDEX "Attachment_uploaderId_createdAt_idx" ON "Attachment"("uploaderId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_createdAt_idx" ON "Attachment"("createdAt");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The send statement claims a message's uploads with an UPDATE ... WHERE seq IS NULL. When a
-- concurrent statement claimed one first (or the sweep deleted it), that row is skipped, and
-- this check then fails the whole statement, message included: a message is stored with all of
-- its files or not at all. SQLSTATE CHA01 tells the writer which failure it is.
CREATE FUNCTION chat_require_attachments(claimed bigint, expected bigint) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF claimed <> expected THEN
    RAISE EXCEPTION 'an attachment is unknown, not yours, in another channel or already sent' USING ERRCODE = 'CHA01';
  END IF;
  RETURN true;
END
$$;
