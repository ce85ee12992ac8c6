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
import { sessionRoom } from "../events/publisher";
import { isSameOrigin } from "../http/same-origin";
import { createProxyMatcher, firstValue } from "../http/trusted-proxy";
import { releaseNode, reregisterDevices } from "../presence/device-presence";
import { limitConnectionsPerUser } from "./connection-limit";
import { registerHandlers } from "./handlers";
import { handshakesOf } from "./handshakes";
import { type Lifecycle, startPresence, trackPresence } from "./presence-wiring";
import { guardSession } from "./session-wiring";
import type { ChatIo, ChatSocket } from "./types";

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
  // Three steps, in this order: who is calling; whether they may open one more connection; their
  // rooms. The rooms come last because the handshake registry below must cover the socket until
  // Socket.IO connects it, right after the last middleware.
  io.use(async (socket, next) => {
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
      const caller = await authenticate(db, services.authSecret, {
        token,
        ticket,
        authorization: h.headers.authorization,
        cookie: h.headers.cookie,
        userAgent: h.headers["user-agent"],
      });
      socket.data.userId = caller.userId;
      socket.data.sessionId = caller.sessionId;
      socket.data.sessionExpiresAt = caller.expiresAt.getTime();
      next();
    } catch (err) {
      if (!isAppError(err)) log.error({ err }, "socket handshake failed");
      next(new Error(isAppError(err) ? err.code : "internal"));
    }
  });
  io.use(
    limitConnectionsPerUser(db, {
      max: services.config.MAX_CONNECTIONS_PER_USER,
      nodeId: presence.nodeId,
      nodeTimeoutMs: presence.nodeTimeoutMs,
      log,
    }),
  );
  io.use(async (socket, next) => {
    let registered = false;
    try {
      const { userId, sessionId } = socket.data;
      // From here until `connect`, membership changes of this node reach the socket too.
      handshakes.add(socket);
      registered = true;
      // Subscribed before `connect` reaches the client: an event sent right after it arrives.
      await socket.join([...(await roomsForUser(db, userId)), sessionRoom(sessionId)]);
      // A membership that ended (or began) between that query and the join was applied to rooms
      // the socket was not in yet: ask again now that it is in them. A change committed after this
      // query reaches the socket through the publisher (handshakes, then the connected socket).
      await syncRooms(socket, await roomsForUser(db, userId));
      next();
    } catch (err) {
      if (!isAppError(err)) log.error({ err }, "socket handshake failed");
      next(new Error(isAppError(err) ? err.code : "internal"));
    } finally {
      // After Socket.IO's own tick that connects the socket (queued by next()): the socket is
      // never out of both the registry and the namespace's connected sockets.
      if (registered) process.nextTick(() => handshakes.remove(socket));
    }
  });

  const lifecycle: Lifecycle = { closing: false };
  io.on("connection", (socket) => {
    // Once more now that room changes reach the socket by its rooms alone: a membership change
    // published while the socket was between its handshake's last query and `connect` is applied.
    // That query may predate a removal whose leave lands before its join: ask again after the
    // join and leave what is no longer held (a removal committed later reaches the joined socket).
    const { userId, sessionId } = socket.data;
    void roomsForUser(db, userId)
      .then((rooms) => syncRooms(socket, [...rooms, sessionRoom(sessionId)]))
      .then(() => roomsForUser(db, userId))
      .then((rooms) => leaveOthers(socket, rooms))
      .catch((err: unknown) => log.error({ err }, "re-reading a socket's rooms failed"));
    guardSession(socket, services);
    trackPresence(socket, services, presence, lifecycle);
    registerHandlers(socket, services);
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

/** Makes the socket's channel rooms exactly `rooms` (its own rooms stay). */
async function syncRooms(socket: ChatSocket, rooms: string[]): Promise<void> {
  await leaveOthers(socket, rooms);
  await socket.join(rooms.filter((r) => !socket.rooms.has(r)));
}

/** Leaves the channel rooms not in `rooms`. */
async function leaveOthers(socket: ChatSocket, rooms: string[]): Promise<void> {
  const held = new Set(rooms);
  for (const room of [...socket.rooms]) if (isChannelRoom(room) && !held.has(room)) await socket.leave(room);
}
