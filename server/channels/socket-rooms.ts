import type { Db } from "../db/types";
import { channelRoom, userRoom } from "../events/publisher";

/**
 * The rooms a device of the user joins when it connects: every device of the user, and every
 * channel they are a member of (later membership changes move devices with publisher.join/leave).
 */
export async function roomsForUser(db: Db, userId: string): Promise<string[]> {
  const memberships = await db.membership.findMany({ where: { userId }, select: { channelId: true } });
  return [userRoom(userId), ...memberships.map((m) => channelRoom(m.channelId))];
}
