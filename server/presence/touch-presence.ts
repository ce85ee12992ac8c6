import type { Db } from "../db/types";

/** Records that the user is active now (client heartbeats: the app is open and visible). */
export async function touchPresence(db: Db, userId: string, now = new Date()): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastActiveAt: now } });
}
