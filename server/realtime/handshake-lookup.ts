// The socket handshake's one query: the credential's session, the user's channels and their live
// connections on other nodes, read together (three lookups in one round trip). The session checks
// and the once-a-minute touch are resolveSession's own (auth-sessions.ts).
import { acceptSession, type Caller, type Found, type SessionKey } from "../auth/auth-sessions";
import { rawQuery } from "../db/raw-sql";
import type { Db } from "../db/types";
import { channelRoom, userRoom } from "../events/publisher";

export interface SocketCaller extends Caller {
  channelIds: string[];
  /** The user's devices on other live nodes (MAX_CONNECTIONS_PER_USER counts them). */
  elsewhere: number;
}

export interface LookupNode {
  nodeId: string;
  nodeTimeoutMs: number;
}

type Row = Found & { channelIds: string[]; elsewhere: number };

// The statement, once per key kind ($1 the key, $2 this node, $3 the node timeout in seconds).
const lookup = (match: string) => `
  SELECT s.id, s."userId", s.kind::text AS kind, s."expiresAt", s."lastUsedAt", s."userAgent",
    ARRAY(SELECT m."channelId" FROM "Membership" m WHERE m."userId" = s."userId") AS "channelIds",
    (SELECT count(*)::int FROM "DeviceConnection" d JOIN "ChatNode" c ON c.id = d."nodeId"
      WHERE d."userId" = s."userId" AND d."nodeId" <> $2
        AND c."updatedAt" > now() - make_interval(secs => $3)) AS elsewhere
  FROM "AuthSession" s WHERE ${match}`;
const byId = lookup("s.id = $1");
const byTokenHash = lookup(`s."tokenHash" = $1`);

export function socketCallerResolver(node: LookupNode) {
  const timeoutSecs = node.nodeTimeoutMs / 1000;
  return async (db: Db, where: SessionKey, userAgent: string | null | undefined): Promise<SocketCaller | null> => {
    // Every connect runs this: pg directly (raw-sql.ts).
    const [row] = "id" in where
      ? await rawQuery<Row>(db, byId, [where.id, node.nodeId, timeoutSecs])
      : await rawQuery<Row>(db, byTokenHash, [where.tokenHash, node.nodeId, timeoutSecs]);
    const caller = await acceptSession(db, row, where, userAgent);
    return caller && row ? { ...caller, channelIds: row.channelIds, elsewhere: row.elsewhere } : null;
  };
}

/**
 * After `connect`, on a node of a cluster: whether the session still lives (an end published on
 * another node during the handshake missed the socket) and the user's channel rooms, in one query.
 */
export async function sessionAndChannels(db: Db, sessionId: string, userId: string): Promise<{ live: boolean; rooms: string[] }> {
  const [row] = await db.$queryRaw<{ live: boolean; channelIds: string[] }[]>`
    SELECT EXISTS (SELECT 1 FROM "AuthSession" WHERE id = ${sessionId} AND "expiresAt" > now()) AS live,
      ARRAY(SELECT "channelId" FROM "Membership" WHERE "userId" = ${userId}) AS "channelIds"`;
  return { live: !!row?.live, rooms: [userRoom(userId), ...(row?.channelIds ?? []).map(channelRoom)] };
}
