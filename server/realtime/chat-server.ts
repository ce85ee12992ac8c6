// The stateful part: one Socket.IO connection per device. Handlers only parse, authorize and call
// the domain; the domain publishes to rooms after commit.
import type http from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import type { AppServices } from "../app-services";
import { authenticate, bearerFrom } from "../auth/authenticate";
import { roomsForUser } from "../channels/socket-rooms";
import { isChannelRoom } from "../events/publisher";
import { startNodeHeartbeat } from "../discovery/node-heartbeat";
import { AppError, isAppError } from "../errors";
import { channelRoom, sessionRoom, userRoom } from "../events/publisher";
import { isSameOrigin } from "../http/same-origin";
import { createProxyMatcher, firstValue } from "../http/trusted-proxy";
import { releaseNode, reregisterDevices } from "../presence/device-presence";
import { connectionLimiter } from "./connection-limit";
import { socketCallerResolver } from "./handshake-lookup";
import { createHandlers } from "./handlers";
import { handshakesOf } from "./handshakes";
import { sessionAndChannels } from "./handshake-lookup";
import { type Lifecycle, startPresence, trackPresence } from "./presence-wiring";
import { guardSession } from "./session-wiring";
import type { ChatIo, ChatSocket } from "./types";

/** Reads of the user's channels in one handshake before it gives up (their memberships churn). */
const MAX_HANDSHAKE_READS = 10;

export interface SocketServerOptions {
  /** Several nodes: events cross them through this Redis (Socket.IO Redis Streams adapter). */
  redis?: { client: Redis; stream: string };
  corsOrigins?: string[];
}

/**
 * The Socket.IO server, not yet attached to an HTTP server: the app's publisher emits through it,
 * so it exists before the services; `createChatServer` attaches it and serves connections.
 */
export function createSocketServer(opts: SocketServerOptions): ChatIo {
  return new Server({
    ...(opts.redis ? { adapter: createAdapter(opts.redis.client, { streamName: opts.redis.stream, channelPrefix: opts.redis.stream }) } : {}),
    ...(opts.corsOrigins?.length ? { cors: { origin: opts.corsOrigins, credentials: true } } : {}),
    // Large enough for a sync with thousands of cursors; message bodies are far smaller.
    maxHttpBufferSize: 1_000_000,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
}

export type ChatServices = Pick<AppServices, "config" | "db" | "publisher" | "writer" | "members" | "sendLimiter" | "presence" | "authSecret" | "log" | "files">;

export interface ChatServer {
  /** This node is in the discovery registry (its first heartbeat): accept clients after it. */
  ready: Promise<void>;
  /**
   * First step of a graceful shutdown: discovery stops naming this node at once, so that its
   * clients, closed later, reconnect elsewhere. The node stays live for presence until `close`.
   */
  withdraw(): Promise<void>;
  /** Stops timers and closes every socket; the caller closes the database after. */
  close(): Promise<void>;
}

export function createChatServer(httpServer: http.Server, io: ChatIo, services: ChatServices): ChatServer {
  const { db, log, presence } = services;
  io.attach(httpServer);
  const trustedProxy = createProxyMatcher(services.config.TRUSTED_PROXIES);
  const { PUBLIC_URL, CORS_ORIGINS } = services.config;
  const allowedOrigins = [...(PUBLIC_URL ? [PUBLIC_URL] : []), ...(CORS_ORIGINS ?? [])];

  const handshakes = handshakesOf(io);
  // Each socket's first mark (handshakes.ts): the session's end is checked against it on `connect`.
  const startedAt = new WeakMap<ChatSocket, number>();
  const limiter = connectionLimiter(services.config.MAX_CONNECTIONS_PER_USER);
  const resolveCaller = socketCallerResolver({ nodeId: presence.nodeId, nodeTimeoutMs: presence.nodeTimeoutMs });
  // Several nodes: a membership change published on another node reaches only connected sockets.
  const clustered = !!services.config.REDIS_URL;
  // One middleware, one query in the common case: who is calling, whether they may open one more
  // connection, and their channels, read together (handshake-lookup.ts); the rooms are joined
  // last, right before Socket.IO connects the socket.
  io.use(async (socket, next) => {
    // Before the read: a membership change on this node after this mark makes the handshake read again.
    let mark = handshakes.begin();
    startedAt.set(socket, mark);
    let registered = false;
    try {
      const h = socket.handshake;
      const { token, ticket } = (h.auth ?? {}) as { token?: unknown; ticket?: unknown };
      // Cross-site WebSocket hijacking: a browser sends the cookie from any page that opens a
      // socket here, so a cookie handshake must come from the app's own pages (or CORS_ORIGINS).
      // A token or a socket ticket is never sent unless the page holds it, and a ticket is handed
      // only to the app's own pages (POST /api/socket-ticket): those may come from anywhere.
      const usesToken = typeof token === "string" || ticket !== undefined || bearerFrom(h.headers.authorization) !== null;
      if (!usesToken) {
        const sameOrigin = isSameOrigin({
          origin: h.headers.origin,
          secFetchSite: firstValue(h.headers["sec-fetch-site"]),
          hosts: [h.headers.host, trustedProxy(h.address) ? firstValue(h.headers["x-forwarded-host"]) : undefined],
          allowedOrigins,
        });
        if (!sameOrigin) throw new AppError("forbidden", "cross-origin cookie handshake refused");
      }
      const caller = await authenticate(
        db,
        services.authSecret,
        { token, ticket, authorization: h.headers.authorization, cookie: h.headers.cookie, userAgent: h.headers["user-agent"] },
        resolveCaller,
      );
      socket.data.userId = caller.userId;
      socket.data.sessionId = caller.sessionId;
      socket.data.sessionExpiresAt = caller.expiresAt.getTime();
      if (!limiter.admit(socket, caller.elsewhere)) throw new AppError("rate_limited", "too many connections");
      // From here until `connect`, membership changes of this node reach the socket too.
      handshakes.add(socket);
      registered = true;
      // Subscribed before `connect` reaches the client: an event sent right after it arrives.
      await socket.join([userRoom(caller.userId), ...caller.channelIds.map(channelRoom), sessionRoom(caller.sessionId)]);
      // A membership that ended (or began) on this node between a read and the join was applied
      // to rooms the socket was not in yet: only then ask again, now that it is in them, until a
      // read saw no move (a removal published during a re-read would otherwise be re-joined).
      for (let reads = 1; handshakes.movedSince(caller.userId, mark); reads++) {
        if (reads > MAX_HANDSHAKE_READS) throw new Error("memberships kept moving during the handshake");
        mark = handshakes.mark();
        await syncRooms(socket, await roomsForUser(db, caller.userId));
      }
      next();
    } catch (err) {
      if (!isAppError(err)) log.error({ err }, "socket handshake failed");
      next(new Error(isAppError(err) ? err.code : "internal"));
    } finally {
      // After Socket.IO's own tick that connects the socket (queued by next()): the socket is
      // never out of both the registry and the namespace's connected sockets.
      process.nextTick(() => {
        if (registered) handshakes.remove(socket);
        handshakes.end();
      });
    }
  });

  const lifecycle: Lifecycle = { closing: false };
  const attachHandlers = createHandlers(services);
  io.on("connection", (socket) => {
    const { userId, sessionId } = socket.data;
    if (clustered) {
      // Once more now that room changes reach the socket by its rooms alone, for a change
      // published on another node while this socket was handshaking (one query: is the session
      // still live, and the channels). That read may predate a removal whose leave lands before
      // its join: if it joined anything, ask again after the join and leave what is no longer
      // held (a removal committed later reaches the joined socket).
      void sessionAndChannels(db, sessionId, userId)
        .then(async ({ live, rooms }) => {
          if (!live) return void socket.disconnect(true);
          const joined = await syncRooms(socket, [...rooms, sessionRoom(sessionId)]);
          if (joined > 0) await leaveOthers(socket, await roomsForUser(db, userId));
        })
        .catch((err: unknown) => log.error({ err }, "re-reading a socket's session and rooms failed"));
    } else if (handshakes.endedSince(sessionId, startedAt.get(socket) ?? -1)) {
      // Ended on this node while the socket was handshaking: the end's room broadcast missed it.
      return void socket.disconnect(true);
    }
    guardSession(socket);
    if (!socket.connected) return;
    trackPresence(socket, services, presence, lifecycle);
    attachHandlers(socket);
  });
  const stopPresence = startPresence(io, services, presence);
  let draining = false;
  const heartbeat = startNodeHeartbeat({
    db,
    log,
    info: () => ({ id: presence.nodeId, url: services.config.PUBLIC_URL ?? null, connections: io.of("/").sockets.size, draining }),
    everyMs: presence.nodeHeartbeatMs,
    liveWithinMs: presence.nodeTimeoutMs,
    onRevived: () =>
      reregisterDevices(
        services,
        presence.nodeId,
        [...io.of("/").sockets.values()].map((s) => ({ socketId: s.id, userId: s.data.userId })),
      ),
  });

  return {
    ready: heartbeat.ready,
    async withdraw() {
      draining = true;
      await heartbeat.beatNow();
    },
    async close() {
      lifecycle.closing = true;
      draining = true;
      await stopPresence();
      await io.close();
      await releaseNode(db, presence.nodeId).catch((err: unknown) => log.error({ err }, "releasing presence rows failed"));
      // Last: while its devices have rows, the node's own row says it is alive.
      await heartbeat.stop();
    },
  };
}

/** Makes the socket's channel rooms exactly `rooms` (its own rooms stay); how many it joined. */
async function syncRooms(socket: ChatSocket, rooms: string[]): Promise<number> {
  await leaveOthers(socket, rooms);
  const missing = rooms.filter((r) => !socket.rooms.has(r));
  if (missing.length) await socket.join(missing);
  return missing.length;
}

/** Leaves the channel rooms not in `rooms`. */
async function leaveOthers(socket: ChatSocket, rooms: string[]): Promise<void> {
  const held = new Set(rooms);
  for (const room of [...socket.rooms]) if (isChannelRoom(room) && !held.has(room)) await socket.leave(room);
}
