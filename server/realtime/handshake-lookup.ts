// The socket handshake's one query: the credential's session, the user's channels and their live
// connections on other nodes, read together (three lookups in one round trip). The session checks
// and the once-a-minute touch are resolveSession's own (auth-sessions.ts).
import { Prisma } from "../db/generated/client";
import { acceptSession, type Caller, type Found, type SessionKey } from "../auth/auth-sessions";
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

export function socketCallerResolver(node: LookupNode) {
  return async (db: Db, where: SessionKey, userAgent: string | null | undefined): Promise<SocketCaller | null> => {
    const match = "id" in where ? Prisma.sql`s.id = ${where.id}` : Prisma.sql`s."tokenHash" = ${where.tokenHash}`;
    const [row] = await db.$queryRaw<Row[]>`
      SELECT s.id, s."userId", s.kind::text AS kind, s."expiresAt", s."lastUsedAt", s."userAgent",
        ARRAY(SELECT m."channelId" FROM "Membership" m WHERE m."userId" = s."userId") AS "channelIds",
        (SELECT count(*)::int FROM "DeviceConnection" d JOIN "ChatNode" c ON c.id = d."nodeId"
          WHERE d."userId" = s."userId" AND d."nodeId" <> ${node.nodeId}
            AND c."updatedAt" > now() - make_interval(secs => ${node.nodeTimeoutMs / 1000})) AS elsewhere
      FROM "AuthSession" s WHERE ${match}`;
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
