// Who may read an attachment's bytes: members of its channel once it is sent; before that only
// its uploader (still a member). Everyone else is told there is no such file (404), so ids
// reveal nothing; a deleted message's files have no row any more: 404 too.
import type { Db } from "../db/types";
import { AppError } from "../errors";

export async function findReadableAttachment(db: Db, userId: string, id: string) {
  const row = await db.attachment.findUnique({ where: { id } });
  const member =
    row && (row.seq !== null || row.uploaderId === userId)
      ? await db.membership.findUnique({ where: { channelId_userId: { channelId: row.channelId, userId } }, select: { userId: true } })
      : null;
  if (!row || !member) throw new AppError("not_found", "no such file");
  return row;
}
