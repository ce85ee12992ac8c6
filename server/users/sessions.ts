// Ending sessions: every bearer token and browser session carries the user's sessionVersion
// (server/auth/authenticate.ts), so bumping it ends them all at once, on every node.
import { z } from "zod";
import { LIMITS } from "../../lib/contract/limits";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError } from "../errors";

export async function logOutEverywhere(db: Db, userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
    db.apiToken.deleteMany({ where: { userId } }),
  ]);
}

const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMaxChars),
  newPassword: z.string().min(LIMITS.passwordMinChars, `at least ${LIMITS.passwordMinChars} characters`).max(LIMITS.passwordMaxChars),
});

/** A new password ends every other session and token; the caller signs in again. */
export async function changePassword(db: Db, userId: string, input: unknown): Promise<void> {
  const parsed = changePasswordBody.safeParse(input);
  if (!parsed.success) throw AppError.fromZod(parsed.error);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    throw new AppError("forbidden", "the current password is wrong");
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } }),
    db.apiToken.deleteMany({ where: { userId } }),
  ]);
}
