import type { ChangePasswordInput } from "../../lib/contract/schemas";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";
import { endSessionsExcept } from "./end-sessions";

/**
 * PUT /api/me/password: a new password ends every other session and token (whoever else knew the
 * old password is out); the one that changed it stays signed in. Every push subscription goes,
 * the current device's too: it registers again from a session that knows the new password.
 */
export async function changePassword(
  deps: { db: Db; publisher: Publisher },
  caller: { userId: string; sessionId: string },
  input: ChangePasswordInput,
): Promise<void> {
  const { db } = deps;
  const user = await db.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("forbidden", "the current password is wrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.user.update({ where: { id: caller.userId }, data: { passwordHash } });
  const ended = await endSessionsExcept(db, caller.userId, caller.sessionId);
  await db.pushSubscription.deleteMany({ where: { userId: caller.userId } });
  deps.publisher.endSessions(ended);
}
