// Sockets between authentication and `connect`. Socket.IO's room operations by room
// (io.in(room).socketsJoin/socketsLeave) reach only connected sockets, so a membership change
// made while a device is still in its handshake would miss it: the publisher applies
// this node's changes to these sockets too (socket-publisher.ts), and the handshake re-checks
// its rooms after joining them (chat-server.ts).
import type { ChatIo, ChatSocket } from "./types";

export interface Handshakes {
  add(socket: ChatSocket): void;
  remove(socket: ChatSocket): void;
  /** The handshaking sockets of these users on this node. */
  of(userIds: readonly string[]): ChatSocket[];
}

const perServer = new WeakMap<ChatIo, Handshakes>();

/** The one registry of a Socket.IO server, shared by its publisher and its handshake. */
export function handshakesOf(io: ChatIo): Handshakes {
  let h = perServer.get(io);
  if (!h) perServer.set(io, (h = createHandshakes()));
  return h;
}

function createHandshakes(): Handshakes {
  const byUser = new Map<string, Set<ChatSocket>>();
  return {
    add(socket) {
      const id = socket.data.userId;
      const set = byUser.get(id) ?? new Set();
      set.add(socket);
      byUser.set(id, set);
    },
    remove(socket) {
      const set = byUser.get(socket.data.userId);
      set?.delete(socket);
      if (set?.size === 0) byUser.delete(socket.data.userId);
    },
    of(userIds) {
      return userIds.flatMap((id) => [...(byUser.get(id) ?? [])]);
    },
  };
}
