// The socket transport: one line per event from parsed payload to domain call. The payloads
// arrive parsed (with-ack.ts); the map must cover every event of the contract.
import type { AppServices } from "../app-services";
import { deleteMessage } from "../messages/delete-message";
import { editMessage } from "../messages/edit-message";
import { react } from "../messages/react";
import { markRead } from "../channels/mark-read";
import { notifyTyping } from "../channels/notify-typing";
import { sendMessage } from "../messages/send-message";
import { sharingAChannel } from "../presence/presence-audience";
import { subscribePresence } from "../presence/subscribe-presence";
import { heartbeat } from "../presence/touch-presence";
import { syncDevice } from "../sync/sync-device";
import { createConnectionBudget, eventBudgets } from "./event-budgets";
import { followPresence } from "./presence-wiring";
import type { ChatSocket } from "./types";
import { onEvents } from "./with-ack";

type Services = Pick<AppServices, "config" | "db" | "publisher" | "writer" | "members" | "sendLimiter" | "log">;

export function registerHandlers(socket: ChatSocket, services: Services): void {
  const { db } = services;
  const userId = socket.data.userId;

  onEvents(socket, services.log, {
    "message:send": async (p) => ({ message: (await sendMessage(services, userId, p)).message }),
    "message:edit": async (p) => ({ message: await editMessage(services, userId, p) }),
    "message:delete": async (p) => ({ message: await deleteMessage(services, userId, p) }),
    reaction: async (p) => ({ message: await react(services, userId, p) }),
    sync: (p) => syncDevice(db, userId, p),
    read: async (p) => void (await markRead(services, userId, p)),
    typing: (p) => notifyTyping(services, userId, p),
    heartbeat: (p) => {
      socket.data.lastHeartbeatAt = Date.now();
      return heartbeat(db, userId, p);
    },
    "presence:subscribe": async (p) => {
      const { presence, follow } = await subscribePresence(db, userId, p);
      const kept = await followPresence(socket, follow, (ids) => sharingAChannel(db, userId, ids));
      return { presence: presence.filter((s) => kept.includes(s.userId)) };
    },
  }, createConnectionBudget(eventBudgets(services.config.HEARTBEAT_TIMEOUT_MS)));
}
