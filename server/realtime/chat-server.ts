// The stateful part: one Socket.IO connection per device. Handlers only parse, authorize and call
// the domain; the domain publishes to rooms after commit.
import type http from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import { authenticate } from "../auth/authenticate";
import type { Db } from "../db/types";
import { isAppError } from "../errors";
import { channelRoom, type Publisher, userRoom } from "../events/publisher";
import type { Logger } from "../log";
import { createChannelWriter, type ChannelWriter } from "../messages/channel-writer";
import type { MessageRow } from "../messages/message-dto";
import type { SendLimiter } from "../messages/send-limiter";
import { startNodeHeartbeat } from "../discovery/node-heartbeat";
import { releaseNode } from "../presence/device-presence";
import { registerHandlers } from "./handlers";
import { type Lifecycle, type PresenceConfig, startPresence, trackPresence } from "./presence-wiring";
import { createSocketPublisher } from "./socket-publisher";
import type { ChatIo } from "./types";

export interface ChatServerDeps {
  db: Db;
  /** Several nodes: events cross them through this Redis (Socket.IO Redis Streams adapter). */
  redis?: { client: Redis; stream: string };
  /** Where clients reach this node, for discovery (null: the origin they already use). */
  publicUrl?: string;
  corsOrigins?: string[];
  /** Told of every stored message (push notifications). */
  afterStore?: (row: MessageRow) => void;
  presence: PresenceConfig;
  sendLimiter: SendLimiter;
  authSecret: string;
  log: Logger;
}

export interface ChatServer {
  io: ChatIo;
  publisher: Publisher;
  writer: ChannelWriter;
  /** Stops timers and closes every socket; the caller closes the database after. */
  close(): Promise<void>;
}

export function createChatServer(httpServer: http.Server, deps: ChatServerDeps): ChatServer {
  const { db, log } = deps;
  const io: ChatIo = new Server(httpServer, {
    ...(deps.redis ? { adapter: createAdapter(deps.redis.client, { streamName: deps.redis.stream, channelPrefix: deps.redis.stream }) } : {}),
    ...(deps.corsOrigins?.length ? { cors: { origin: deps.corsOrigins, credentials: true } } : {}),
    // Large enough for a sync with thousands of cursors; message bodies are far smaller.
    maxHttpBufferSize: 1_000_000,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const publisher = createSocketPublisher(io);
  const writer = createChannelWriter(db, publisher, deps.afterStore);

  io.use(async (socket, next) => {
    try {
      const h = socket.handshake;
      const userId = await authenticate(db, deps.authSecret, {
        token: (h.auth as { token?: unknown } | undefined)?.token,
        authorization: h.headers.authorization,
        cookie: h.headers.cookie,
      });
      socket.data.userId = userId;
      // Subscribed before `connect` reaches the client: an event sent right after it arrives.
      const memberships = await db.membership.findMany({ where: { userId }, select: { channelId: true } });
      await socket.join([userRoom(userId), ...memberships.map((m) => channelRoom(m.channelId))]);
      next();
    } catch (err) {
      if (!isAppError(err)) log.error({ err }, "socket handshake failed");
      next(new Error(isAppError(err) ? err.code : "internal"));
    }
  });

  io.on("connection", (socket) => {
    trackPresence(socket, { db, publisher, log }, deps.presence, lifecycle);
    registerHandlers(socket, { db, publisher, writer, log, sendLimiter: deps.sendLimiter });
  });
  const stopPresence = startPresence(io, { db, publisher, log }, deps.presence);
  const lifecycle: Lifecycle = { closing: false };
  const stopHeartbeat = startNodeHeartbeat(
    db,
    log,
    () => ({ id: deps.presence.nodeId, url: deps.publicUrl ?? null, connections: io.of("/").sockets.size }),
    deps.presence.sweepEveryMs,
  );

  return {
    io,
    publisher,
    writer,
    async close() {
      lifecycle.closing = true;
      await stopPresence();
      await stopHeartbeat();
      await io.close();
      await releaseNode(db, deps.presence.nodeId).catch((err: unknown) => log.error({ err }, "releasing presence rows failed"));
    },
  };
}
