import type { HeartbeatInput } from "../../lib/contract/event-schemas";
import type { Db } from "../db/types";

/**
 * A client heartbeat (about every 25 s while the app is open). It always proves the connection
 * alive; it moves the user's "last seen" only while the app is in view (`active` not false).
 */
export async function heartbeat(db: Db, userId: string, input: HeartbeatInput, now = new Date()): Promise<void> {
  if (input?.active === false) return;
  await db.user.update({ where: { id: userId }, data: { lastActiveAt: now } });
}
