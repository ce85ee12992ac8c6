import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { toPublicUser, type UserRow } from "./user-dto";

/**
 * After a name or picture change has committed: `user:update` to every device of the user and to
 * the rooms of every channel they are in, i.e. everyone who may be showing them (channel lists,
 * member lists, message rows). Nobody else learns of it.
 */
export async function publishUserUpdate(db: Db, publisher: Publisher, user: Omit<UserRow, "email">): Promise<void> {
  const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { channelId: true } });
  publisher.publish("user:update", toPublicUser(user), { users: [user.id], channels: memberships.map((m) => m.channelId) });
}
