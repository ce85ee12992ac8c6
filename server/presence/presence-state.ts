import type { PresenceState } from "../../lib/contract/models";
import type { Db } from "../db/types";

export async function presenceOf(db: Db, userIds: string[]): Promise<PresenceState[]> {
  if (userIds.length === 0) return [];
  const rows = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, presenceOnline: true, lastActiveAt: true },
  });
  return rows.map(toPresence);
}

export function toPresence(u: { id: string; presenceOnline: boolean; lastActiveAt: Date | null }): PresenceState {
  return { userId: u.id, online: u.presenceOnline, lastActiveAt: u.lastActiveAt?.toISOString() ?? null };
}
