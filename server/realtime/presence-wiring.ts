// Presence for the sockets of this node: device rows on connect/disconnect, the initial presence
// a device gets, zombie connections (no heartbeat) closed, and the node's sweeper.
import type { Db } from "../db/types";
import { type Publisher, presenceRoom } from "../events/publisher";
import type { Logger } from "../log";
import { deviceConnected, deviceDisconnected } from "../presence/device-presence";
import { type PresenceTimings, startPresenceSweeper } from "../presence/presence-sweeper";
import type { ChatIo, ChatSocket } from "./types";

export interface PresenceConfig extends PresenceTimings {
  nodeId: string;
  heartbeatTimeoutMs: number;
  /** How often this node's ChatNode row is refreshed (NODE_HEARTBEAT_MS). */
  nodeHeartbeatMs: number;
}

/** Set while the node shuts down: its rows are released in bulk, not socket by socket. */
export interface Lifecycle {
  closing: boolean;
}

interface Deps {
  db: Db;
  publisher: Publisher;
  log: Logger;
}

export function trackPresence(socket: ChatSocket, deps: Deps, cfg: PresenceConfig, life: Lifecycle) {
  const { userId } = socket.data;
  socket.data.lastHeartbeatAt = Date.now();
  socket.data.presenceFollows = [];
  const connected = deviceConnected(deps, cfg.nodeId, socket.id, userId)
    .then((states) => states.forEach((p) => socket.emit("presence", p)))
    .catch((err: unknown) => deps.log.error({ err, userId }, "presence connect failed"));
  // After the connect bookkeeping, whatever order the events came in.
  socket.on("disconnect", () => {
    if (life.closing) return;
    void connected
      .then(() => deviceDisconnected(deps, socket.id, userId))
      .catch((err: unknown) => deps.log.error({ err, userId }, "presence disconnect failed"));
  });
}

/**
 * Follow exactly these users' presence changes on this device, of those who still share a
 * channel once the rooms are joined (`stillSharing`): a channel left between the caller's check
 * and the join ended the subscription before it existed. Returns the users followed.
 */
export async function followPresence(
  socket: ChatSocket,
  userIds: string[],
  stillSharing: (ids: string[]) => Promise<string[]>,
): Promise<string[]> {
  for (const id of socket.data.presenceFollows) await socket.leave(presenceRoom(id));
  await socket.join(userIds.map(presenceRoom));
  const kept = new Set(await stillSharing(userIds));
  for (const id of userIds) if (!kept.has(id)) await socket.leave(presenceRoom(id));
  socket.data.presenceFollows = userIds.filter((id) => kept.has(id));
  return socket.data.presenceFollows;
}

export function startPresence(io: ChatIo, deps: Deps, cfg: PresenceConfig) {
  const stopSweeper = startPresenceSweeper(
    { ...deps, liveSocketIds: () => [...io.of("/").sockets.keys()] },
    cfg.nodeId,
    cfg,
  );
  const zombies = setInterval(() => {
    const cutoff = Date.now() - cfg.heartbeatTimeoutMs;
    for (const s of io.of("/").sockets.values()) {
      if (s.data.lastHeartbeatAt < cutoff) s.disconnect(true);
    }
  }, Math.max(1000, Math.floor(cfg.heartbeatTimeoutMs / 3)));
  zombies.unref();
  return async () => {
    clearInterval(zombies);
    await stopSweeper();
  };
}
