// The socket handshake's one query: the credential's session, the user's channels and their live
// connections on other nodes, read together (three lookups in one round trip), for every
// handshake of the same event-loop turn at once. The session checks and the once-a-minute touch
// are resolveSession's own (auth-sessions.ts).
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

type Row = Found & { tokenHash: string | null; channelIds: string[]; elsewhere: number };

// The handshakes that arrived in one turn of the event loop read in one statement ($1 session ids,
// $2 token hashes, $3 this node, $4 the node timeout in seconds): a burst of connects (a node's
// restart, S3) costs one round trip per turn instead of one per socket. A lone handshake waits
// for nothing but the end of its turn.
const LOOKUP = `
  WITH s AS (
    SELECT id, "userId", kind, "expiresAt", "lastUsedAt", "userAgent", NULL::text AS "tokenHash"
    FROM "AuthSession" WHERE id = ANY($1::text[])
    UNION ALL
    SELECT id, "userId", kind, "expiresAt", "lastUsedAt", "userAgent", "tokenHash"
    FROM "AuthSession" WHERE "tokenHash" = ANY($2::text[])
  )
  SELECT s.id, s."tokenHash", s."userId", s.kind::text AS kind, s."expiresAt", s."lastUsedAt", s."userAgent",
    ARRAY(SELECT m."channelId" FROM "Membership" m WHERE m."userId" = s."userId") AS "channelIds",
    (SELECT count(*)::int FROM "DeviceConnection" d JOIN "ChatNode" c ON c.id = d."nodeId"
      WHERE d."userId" = s."userId" AND d."nodeId" <> $3
        AND c."updatedAt" > now() - make_interval(secs => $4)) AS elsewhere
  FROM s`;

interface Waiting {
  where: SessionKey;
  done(row: Row | undefined): void;
  failed(err: unknown): void;
}

export function socketCallerResolver(node: LookupNode) {
  const timeoutSecs = node.nodeTimeoutMs / 1000;
  const turns = new Map<Db, Waiting[]>();
  const readAll = async (db: Db, waiting: Waiting[]) => {
    try {
      const ids = waiting.flatMap((w) => ("id" in w.where ? [w.where.id] : []));
      const hashes = waiting.flatMap((w) => ("tokenHash" in w.where ? [w.where.tokenHash] : []));
      // Every connect runs this: pg directly (raw-sql.ts).
      const rows = await rawQuery<Row>(db, LOOKUP, [ids, hashes, node.nodeId, timeoutSecs]);
      const byId = new Map(rows.filter((r) => r.tokenHash === null).map((r) => [r.id, r]));
      const byHash = new Map(rows.filter((r) => r.tokenHash !== null).map((r) => [r.tokenHash!, r]));
      for (const w of waiting) w.done("id" in w.where ? byId.get(w.where.id) : byHash.get(w.where.tokenHash));
    } catch (err) {
      for (const w of waiting) w.failed(err);
    }
  };
  const read = (db: Db, where: SessionKey) =>
    new Promise<Row | undefined>((done, failed) => {
      let waiting = turns.get(db);
      if (!waiting) {
        turns.set(db, (waiting = []));
        setImmediate(() => {
          turns.delete(db);
          void readAll(db, waiting!);
        });
      }
      waiting.push({ where, done, failed });
    });
  return async (db: Db, where: SessionKey, userAgent: string | null | undefined): Promise<SocketCaller | null> => {
    const row = await read(db, where);
    // The row's kind and user are checked against the key here (acceptSession), as for one read.
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
