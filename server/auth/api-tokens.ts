// Bearer tokens for non-browser clients (POST /api/tokens). Opaque random strings; only their
// sha256 is stored. A token dies when it expires or when its user's sessionVersion moves on.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/types";

const PREFIX = "ct_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function issueApiToken(
  db: Db,
  user: { id: string; sessionVersion: number },
  ttlDays: number,
  now = new Date(),
): Promise<string> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  await db.apiToken.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(token),
      version: user.sessionVersion,
      expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
    },
  });
  return token;
}

/** The user id the token stands for, or null. */
export async function verifyApiToken(db: Db, token: string, now = new Date()): Promise<string | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { userId: true, version: true, expiresAt: true, user: { select: { sessionVersion: true } } },
  });
  if (!row || row.expiresAt <= now || row.version !== row.user.sessionVersion) return null;
  return row.userId;
}
