import type { SessionView } from "../../lib/contract/models";
import type { Db } from "../db/types";

/** GET /api/me/sessions: the caller's live sessions and tokens, this one first, then by last use. */
export async function listSessions(db: Db, caller: { userId: string; sessionId: string }, now = new Date()): Promise<SessionView[]> {
  const rows = await db.authSession.findMany({
    where: { userId: caller.userId, expiresAt: { gt: now } },
    orderBy: [{ lastUsedAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, kind: true, createdAt: true, lastUsedAt: true, userAgent: true },
  });
  const views = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt.toISOString(),
    userAgent: r.userAgent,
    current: r.id === caller.sessionId,
  }));
  return [...views.filter((v) => v.current), ...views.filter((v) => !v.current)];
}
