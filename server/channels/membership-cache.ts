// Who may send to a channel, asked before a message joins the channel's write queue, so that a
// non-member's draft never shares a statement with members' drafts. Only "is a member" answers
// are kept, for a short while: a member sending a burst costs one query, and a non-member is
// asked every time (and is refused before queueing). A stale "member" (removed on another node
// within the TTL) is harmless: the write statement checks membership itself and leaves that
// draft out alone. Removals on this node forget at once.
import type { Db } from "../db/types";

export interface MembershipCache {
  isMember(channelId: string, userId: string): Promise<boolean>;
  /** After a membership ends (or to drop all of a channel's entries, without userId). */
  forget(channelId: string, userId?: string): void;
}

export function createMembershipCache(db: Db, { ttlMs = 30_000, maxEntries = 50_000 } = {}): MembershipCache {
  // Insertion order is age order: the oldest entry is the first.
  const members = new Map<string, number>();
  const key = (channelId: string, userId: string) => `${channelId}\u0000${userId}`;
  return {
    async isMember(channelId, userId) {
      const k = key(channelId, userId);
      const until = members.get(k);
      if (until !== undefined && until > Date.now()) return true;
      members.delete(k);
      const m = await db.membership.findUnique({ where: { channelId_userId: { channelId, userId } }, select: { userId: true } });
      if (!m) return false;
      if (members.size >= maxEntries) members.delete(members.keys().next().value!);
      members.set(k, Date.now() + ttlMs);
      return true;
    },
    forget(channelId, userId) {
      if (userId !== undefined) {
        members.delete(key(channelId, userId));
        return;
      }
      const prefix = `${channelId}\u0000`;
      for (const k of members.keys()) if (k.startsWith(prefix)) members.delete(k);
    },
  };
}
