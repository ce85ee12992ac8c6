// The socket transport: one line per event from parsed payload to domain call, made once per
// server (the socket is an argument, not a closure). The payloads
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
import { createEventListeners, type EventHandlers } from "./with-ack";

type Services = Pick<AppServices, "config" | "db" | "publisher" | "writer" | "members" | "sendLimiter" | "log" | "files">;

/**
 * The event listeners of this server's sockets, made once: `attach(socket)` gives a socket the
 * shared listeners (with-ack.ts), so a connection costs no closures of its own.
 */
export function createHandlers(services: Services): (socket: ChatSocket) => void {
  const { db } = services;
  const handlers: EventHandlers = {
    "message:send": async (p, s) => ({ message: (await sendMessage(services, s.data.userId, p)).message }),
    "message:edit": async (p, s) => ({ message: await editMessage(services, s.data.userId, p) }),
    "message:delete": async (p, s) => ({ message: await deleteMessage(services, s.data.userId, p) }),
    reaction: async (p, s) => ({ message: await react(services, s.data.userId, p) }),
    sync: (p, s) => syncDevice(db, s.data.userId, p),
    read: async (p, s) => void (await markRead(services, s.data.userId, p)),
    typing: (p, s) => notifyTyping(services, s.data.userId, p),
    heartbeat: (p, s) => {
      s.data.lastHeartbeatAt = Date.now();
      return heartbeat(db, s.data.userId, p);
    },
    "presence:subscribe": async (p, s) => {
      const userId = s.data.userId;
      const { presence, follow } = await subscribePresence(db, userId, p);
      const kept = await followPresence(s, follow, (ids) => sharingAChannel(db, userId, ids));
      return { presence: presence.filter((st) => kept.includes(st.userId)) };
    },
  };
  const budgets = eventBudgets(services.config.HEARTBEAT_TIMEOUT_MS);
  return createEventListeners(services.log, handlers, () => createConnectionBudget(budgets));
}
