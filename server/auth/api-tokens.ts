// Bearer tokens for non-browser clients (POST /api/tokens). Opaque random strings; only their
// sha256 is stored, in the token's AuthSession row. A token dies when it expires or when its row
// is deleted (log out everywhere, a password change, DELETE /api/me/sessions/:id, the cap below).
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import { cleanUserAgent } from "./auth-sessions";

const PREFIX = "ct_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Only what looks like one of ours is looked up. */
export function isTokenShaped(token: string): boolean {
  return token.startsWith(PREFIX) && token.length <= 200;
}

export interface TokenOptions {
  ttlDays: number;
  userAgent?: string | null;
}

/** Stores a new token for the user; the caller is the only one who ever sees it. */
export async function createApiToken(db: Db, userId: string, opts: TokenOptions, now = new Date()) {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const row = await db.authSession.create({
    data: {
      userId,
      kind: "token",
      tokenHash: hashToken(token),
      userAgent: cleanUserAgent(opts.userAgent),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + opts.ttlDays * 86_400_000),
    },
    select: { id: true },
  });
  return { token, sessionId: row.id };
}

/**
 * A new token for POST /api/tokens. A user holds at most `maxPerUser` live tokens: past that, the
 * least recently used ones end (and their sockets with them) rather than refusing the log-in, so a
 * script that logs in on every run never locks its owner out. Expired rows of the user go too.
 */
export async function issueApiToken(
  deps: { db: Db; publisher: Publisher },
  userId: string,
  opts: TokenOptions & { maxPerUser: number },
  now = new Date(),
): Promise<string> {
  const { db } = deps;
  const { token, sessionId } = await createApiToken(db, userId, opts, now);
  const surplus = await db.authSession.findMany({
    where: { userId, kind: "token", expiresAt: { gt: now }, id: { not: sessionId } },
    orderBy: [{ lastUsedAt: "desc" }, { createdAt: "desc" }],
    skip: opts.maxPerUser - 1,
    select: { id: true },
  });
  const evicted = surplus.map((s) => s.id);
  await db.authSession.deleteMany({ where: { userId, OR: [{ id: { in: evicted } }, { expiresAt: { lte: now } }] } });
  deps.publisher.endSessions(evicted);
  return token;
}
