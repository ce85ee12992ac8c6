// Server-side sessions: one AuthSession row per browser log-in and per bearer token. A credential
// works only while its row exists and has not expired, so ending one is deleting its row
// (server/users/end-sessions.ts), on every node at once.
import type { Db } from "../db/types";
import type { SessionKind } from "../../lib/contract/models";

/** Who is calling, and through which credential (the one that ends when they log out). */
export interface Caller {
  userId: string;
  sessionId: string;
  kind: SessionKind;
  expiresAt: Date;
}

/** lastUsedAt is written at most this often per session: reads stay reads. */
export const TOUCH_EVERY_MS = 60_000;
const MAX_USER_AGENT = 300;

export function cleanUserAgent(ua: string | null | undefined): string | null {
  const s = ua?.trim();
  return s ? s.slice(0, MAX_USER_AGENT) : null;
}

/** A browser log-in: the row whose id goes into the session cookie as `sid`. */
export async function openBrowserSession(
  db: Db,
  userId: string,
  opts: { ttlDays: number; userAgent?: string | null },
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  return db.authSession.create({
    data: {
      userId,
      kind: "browser",
      userAgent: cleanUserAgent(opts.userAgent),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + opts.ttlDays * 86_400_000),
    },
    select: { id: true, expiresAt: true },
  });
}

export type Found = { id: string; userId: string; kind: SessionKind; expiresAt: Date; lastUsedAt: Date; userAgent: string | null };
const columns = { id: true, userId: true, kind: true, expiresAt: true, lastUsedAt: true, userAgent: true } as const;

/** Which session a credential names: a browser session by id (and its user), a token by hash. */
export type SessionKey = { id: string; userId: string; kind: "browser" } | { tokenHash: string; kind: "token" };

/**
 * The live session this credential stands for, or null. Records its use (lastUsedAt, the client's
 * user agent) at most once a minute.
 */
export async function resolveSession(db: Db, where: SessionKey, userAgent: string | null | undefined, now = new Date()): Promise<Caller | null> {
  const row: Found | null =
    "id" in where
      ? await db.authSession.findUnique({ where: { id: where.id }, select: columns })
      : await db.authSession.findUnique({ where: { tokenHash: where.tokenHash }, select: columns });
  return acceptSession(db, row, where, userAgent, now);
}

/** The checks of `resolveSession` on a row read elsewhere (the socket handshake's one query). */
export async function acceptSession(db: Db, row: Found | null | undefined, where: SessionKey, userAgent: string | null | undefined, now = new Date()): Promise<Caller | null> {
  if (!row || row.kind !== where.kind || row.expiresAt <= now) return null;
  if ("userId" in where && row.userId !== where.userId) return null;
  if (now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    const ua = cleanUserAgent(userAgent);
    // Conditional: of several requests racing past the minute, one writes.
    await db.authSession.updateMany({
      where: { id: row.id, lastUsedAt: row.lastUsedAt },
      data: { lastUsedAt: now, ...(ua ? { userAgent: ua } : {}) },
    });
  }
  return { userId: row.userId, sessionId: row.id, kind: row.kind, expiresAt: row.expiresAt };
}
