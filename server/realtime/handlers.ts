// The socket transport: one line per event from parsed payload to domain call.
import { markRead } from "../channels/mark-read";
import { notifyTyping } from "../channels/notify-typing";
import type { Db } from "../db/types";
import type { Publisher } from "../events/publisher";
import type { Logger } from "../log";
import type { ChannelWriter } from "../messages/channel-writer";
import { sendMessage } from "../messages/send-message";
import type { SendLimiter } from "../messages/send-limiter";
import { subscribePresence } from "../presence/subscribe-presence";
import { heartbeat } from "../presence/touch-presence";
import { followPresence } from "./presence-wiring";
import { syncDevice } from "../sync/sync-device";
import type { ChatSocket } from "./types";
import { onEvent } from "./with-ack";

interface Deps {
  db: Db;
  publisher: Publisher;
  writer: ChannelWriter;
  sendLimiter: SendLimiter;
  log: Logger;
}

export function registerHandlers(socket: ChatSocket, deps: Deps): void {
  const { log } = deps;
  const userId = socket.data.userId;

  onEvent(socket, log, "message:send", async (p) => ({ message: (await sendMessage(deps, userId, p)).message }));
  onEvent(socket, log, "sync", (p) => syncDevice(deps.db, userId, p));
  onEvent(socket, log, "read", async (p) => void (await markRead(deps, userId, p)));
  onEvent(socket, log, "typing", (p) => notifyTyping(deps, userId, p));
  onEvent(socket, log, "heartbeat", (p) => {
    socket.data.lastHeartbeatAt = Date.now();
    return heartbeat(deps.db, userId, p);
  });
  onEvent(socket, log, "presence:subscribe", async (p) => {
    const { presence, follow } = await subscribePresence(deps.db, userId, p);
    await followPresence(socket, follow);
    return { presence };
  });
}
