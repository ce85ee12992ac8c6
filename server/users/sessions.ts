// Ending sessions: every bearer token and browser session carries the user's sessionVersion
// (server/auth/authenticate.ts), so bumping it ends them all at once, on every node.
import type { ChangePasswordInput } from "../../lib/contract/schemas";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError } from "../errors";

export async function logOutEverywhere(db: Db, userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
    db.apiToken.deleteMany({ where: { userId } }),
  ]);
}

/** A new password ends every other session and token; the caller signs in again. */
export async function changePassword(db: Db, userId: string, input: ChangePasswordInput): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("forbidden", "the current password is wrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } }),
    db.apiToken.deleteMany({ where: { userId } }),
  ]);
}
