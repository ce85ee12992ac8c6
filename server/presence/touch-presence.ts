import { heartbeatPayload } from "../../lib/contract/schemas";
import type { Db } from "../db/types";
import { AppError } from "../errors";

/**
 * A client heartbeat (about every 25 s while the app is open). It always proves the connection
 * alive; it moves the user's "last seen" only while the app is in view (`active` not false).
 */
export async function heartbeat(db: Db, userId: string, input: unknown, now = new Date()): Promise<void> {
  const parsed = heartbeatPayload.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  if (parsed.data?.active === false) return;
  await db.user.update({ where: { id: userId }, data: { lastActiveAt: now } });
}
