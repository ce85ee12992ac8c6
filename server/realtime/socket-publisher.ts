import type { Server } from "socket.io";
import type { ServerEventName, ServerEventPayload } from "../../lib/contract/events";
import { type Audience, channelRoom, presenceRoom, type Publisher, sessionRoom, userRoom } from "../events/publisher";
import { handshakesOf } from "./handshakes";
import type { ChatIo } from "./types";

/** Publishes through Socket.IO rooms; with a cluster adapter the rooms span every node. */
export function createSocketPublisher(io: ChatIo): Publisher {
  const handshakes = handshakesOf(io);
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
    // Rooms move for connected sockets (every node) and for this node's handshaking ones.
    joinChannel(channelId, userIds) {
      if (!userIds.length) return;
      io.in(userIds.map(userRoom)).socketsJoin(channelRoom(channelId));
      for (const s of handshakes.of(userIds)) void s.join(channelRoom(channelId));
    },
    leaveChannel(channelId, userIds) {
      if (!userIds.length) return;
      io.in(userIds.map(userRoom)).socketsLeave(channelRoom(channelId));
      for (const s of handshakes.of(userIds)) void s.leave(channelRoom(channelId));
    },
    stopFollowing(followers, followed) {
      if (followers.length && followed.length) io.in(followers.map(userRoom)).socketsLeave(followed.map(presenceRoom));
    },
    endSessions(sessionIds) {
      if (sessionIds.length) io.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    },
  };
}
