import type { Server } from "socket.io";
import type { ServerEventName, ServerEventPayload } from "../../lib/contract/events";
import { type Audience, channelRoom, presenceRoom, type Publisher, sessionRoom, userRoom } from "../events/publisher";
import type { ChatIo } from "./types";

/** Publishes through Socket.IO rooms; with a cluster adapter the rooms span every node. */
export function createSocketPublisher(io: ChatIo): Publisher {
  return {
    publish<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>, a: Audience) {
      const rooms = [
        ...(a.users ?? []).map(userRoom),
        ...(a.channels ?? []).map(channelRoom),
        ...(a.presenceOf ?? []).map(presenceRoom),
      ];
      if (rooms.length === 0) return;
      let op = io.to(rooms);
      if (a.exceptUsers?.length) op = op.except(a.exceptUsers.map(userRoom));
      if (a.volatile) op = op.volatile;
      // The generic E cannot be narrowed for emit's overloads; the contract types both sides.
      (op as unknown as Server).emit(event, payload);
    },
    joinChannel(channelId, userIds) {
      if (userIds.length) io.in(userIds.map(userRoom)).socketsJoin(channelRoom(channelId));
    },
    leaveChannel(channelId, userIds) {
      if (userIds.length) io.in(userIds.map(userRoom)).socketsLeave(channelRoom(channelId));
    },
    endSessions(sessionIds) {
      if (sessionIds.length) io.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    },
  };
}
