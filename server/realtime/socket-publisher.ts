import type { Server } from "socket.io";
import type { ServerEventName, ServerEventPayload } from "../../lib/contract/events";
import { type Audience, channelRoom, presenceRoom, type Publisher, sessionRoom, userRoom } from "../events/publisher";
import type { Message } from "../../lib/contract/models";
import { handshakesOf } from "./handshakes";
import type { MessageDelivery } from "./message-delivery";
import type { ChatIo } from "./types";

/**
 * Publishes through Socket.IO rooms; with a cluster adapter the rooms span every node. A new
 * message for its channel's members goes through the nodes' ordering gates instead
 * (message-delivery.ts), so that devices receive each channel in seq order.
 */
export function createSocketPublisher(io: ChatIo, messages?: MessageDelivery, opts: { clustered?: boolean } = {}): Publisher {
  const handshakes = handshakesOf(io);
  // One node: an event for rooms no socket is in goes nowhere, but Socket.IO would encode it (the
  // packet and its WebSocket frame, ≈ 50 µs) before finding that out, e.g. for the "online"
  // announcement of every connect whose audience is offline. With a cluster adapter the other
  // nodes' rooms are unknown here: always emitted.
  const nobodyIn = (names: string[]) => !opts.clustered && !names.some((r) => io.of("/").adapter.rooms.has(r));
  return {
    publish<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>, a: Audience) {
      if (messages && event === "message" && isChannelAudience(a, (payload as Message).channelId)) {
        return messages.deliver(payload as Message);
      }
      const rooms = [
        ...(a.users ?? []).map(userRoom),
        ...(a.channels ?? []).map(channelRoom),
        ...(a.presenceOf ?? []).map(presenceRoom),
      ];
      if (rooms.length === 0 || nobodyIn(rooms)) return;
      let op = io.to(rooms);
      if (a.exceptUsers?.length) op = op.except(a.exceptUsers.map(userRoom));
      if (a.volatile) op = op.volatile;
      // The generic E cannot be narrowed for emit's overloads; the contract types both sides.
      (op as unknown as Server).emit(event, payload);
    },
    // Rooms move for connected sockets (every node) and for this node's handshaking ones.
    joinChannel(channelId, userIds) {
      if (!userIds.length) return;
      handshakes.moved(userIds);
      io.in(userIds.map(userRoom)).socketsJoin(channelRoom(channelId));
      for (const s of handshakes.of(userIds)) void s.join(channelRoom(channelId));
    },
    leaveChannel(channelId, userIds) {
      if (!userIds.length) return;
      handshakes.moved(userIds);
      io.in(userIds.map(userRoom)).socketsLeave(channelRoom(channelId));
      for (const s of handshakes.of(userIds)) void s.leave(channelRoom(channelId));
    },
    stopFollowing(followers, followed) {
      if (followers.length && followed.length) io.in(followers.map(userRoom)).socketsLeave(followed.map(presenceRoom));
    },
    endSessions(sessionIds) {
      if (!sessionIds.length) return;
      handshakes.ended(sessionIds);
      io.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    },
  };
}

/** Exactly the message's own channel, nobody left out, nothing dropped: what the gate serves. */
function isChannelAudience(a: Audience, channelId: string): boolean {
  return (
    a.channels?.length === 1 &&
    a.channels[0] === channelId &&
    !a.users?.length &&
    !a.presenceOf?.length &&
    !a.exceptUsers?.length &&
    !a.volatile
  );
}
