// Ending sessions: deleting AuthSession rows ends those credentials for every later request on
// every node (server/auth/authenticate.ts), and the publisher then closes every socket they
// opened (rooms `session:{id}`, on every node). Push subscriptions of a session go with its row
// (foreign key, on delete cascade).
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Publisher } from "../events/publisher";

type Deps = { db: Db; publisher: Publisher };

/** DELETE /api/me/sessions/:id: one of the caller's own sessions or tokens; anyone else's is not found. */
export async function endSession(deps: Deps, userId: string, sessionId: string): Promise<void> {
  const { count } = await deps.db.authSession.deleteMany({ where: { id: sessionId, userId } });
  if (count === 0) throw new AppError("not_found", "no such session");
  deps.publisher.endSessions([sessionId]);
}

/** Browser log-out: the cookie's own session, already gone or not. */
export async function endOwnSession(deps: Deps, userId: string, sessionId: string): Promise<void> {
  await deps.db.authSession.deleteMany({ where: { id: sessionId, userId } });
  deps.publisher.endSessions([sessionId]);
}

/** POST /api/me/logout-all: every session and token of the user, this one included. */
export async function logOutEverywhere(deps: Deps, userId: string): Promise<void> {
  const ended = await endSessionsExcept(deps.db, userId, null);
  // Subscriptions from before sessions existed belong to no session: they go too.
  await deps.db.pushSubscription.deleteMany({ where: { userId } });
  deps.publisher.endSessions(ended);
}

/**
 * Deletes the user's sessions but `keep`, and answers which ended. Only the ids read are
 * deleted, so every session deleted is one whose sockets the caller closes.
 */
export async function endSessionsExcept(db: Db, userId: string, keep: string | null): Promise<string[]> {
  const rows = await db.authSession.findMany({
    where: { userId, ...(keep ? { id: { not: keep } } : {}) },
    select: { id: true },
  });
  const ids = rows.map((r) => r.id);
  if (ids.length) await db.authSession.deleteMany({ where: { id: { in: ids } } });
  return ids;
}
