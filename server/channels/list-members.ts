import type { MemberView } from "../../lib/contract/models";
import type { Db } from "../db/types";
import { requireMember } from "./require-member";

/**
 * A channel's members with their roles and how far each has read (read receipts), for its
 * members only. A member who turned read receipts off shows `null` to everyone but themselves.
 */
export async function listMembers(db: Db, userId: string, channelId: string): Promise<MemberView[]> {
  await requireMember(db, channelId, userId);
  const rows = await db.membership.findMany({
    where: { channelId },
    select: { userId: true, role: true, joinedAt: true, lastReadSeq: true, user: { select: { readReceipts: true } } },
    orderBy: { joinedAt: "asc" },
  });
  return rows.map((r) => ({
    userId: r.userId,
    role: r.role,
    joinedAt: r.joinedAt.toISOString(),
    lastReadSeq: r.user.readReceipts || r.userId === userId ? r.lastReadSeq : null,
  }));
}
