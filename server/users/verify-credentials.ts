import type { CredentialsInput } from "../../lib/contract/schemas";
import type { LoginLimiter } from "../auth/login-limiter";
import { verifyPassword } from "../auth/password";
import type { Db } from "../db/types";
import { AppError } from "../errors";

export interface VerifiedUser {
  id: string;
  name: string;
  email: string;
  avatarFileId: string | null;
}

/** The one log-in check, used by the browser (Auth.js) and by POST /api/tokens; `ip` is the client's (server/http/client-ip.ts). */
export async function verifyCredentials(
  db: Db,
  limiter: LoginLimiter,
  { email, password }: CredentialsInput,
  ip: string,
): Promise<VerifiedUser> {
  await limiter.check(email, ip);
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    await limiter.recordFailure(email, ip);
    // Same answer for an unknown email and a wrong password.
    throw new AppError("unauthenticated", "wrong email or password");
  }
  return { id: user.id, name: user.name, email: user.email, avatarFileId: user.avatarFileId };
}
