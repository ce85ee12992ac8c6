// Sockets between authentication and `connect`. Socket.IO's room operations by room
// (io.in(room).socketsJoin/socketsLeave) reach only connected sockets, so a membership change
// made while a device is still in its handshake would miss it: the publisher applies this node's
// changes to these sockets too (socket-publisher.ts).
//
// A change published after the handshake read the user's channels but before the socket was in
// this registry (or in the rooms read) would still be lost: a leave applied before the join of the
// rooms it left. Rather than read the channels again in every handshake, the registry notes which
// users' memberships moved on this node (`moved`), numbered; a handshake takes a mark before its
// read (`begin`) and reads again only if its user moved since (`movedSince`), with a new mark
// before each read, until a read saw no move. Changes published
// on other nodes reach a handshaking socket by neither path: chat-server.ts reads once more after
// `connect` when the server is part of a cluster. Ended sessions are noted the same way: a socket
// whose session was ended on this node during its handshake is closed on `connect`.
import type { ChatIo, ChatSocket } from "./types";

/** Past this many noted users, the oldest notes give way to a floor: a handshake begun before it re-reads. */
const MAX_NOTED = 10_000;

export interface Handshakes {
  add(socket: ChatSocket): void;
  remove(socket: ChatSocket): void;
  /** The handshaking sockets of these users on this node. */
  of(userIds: readonly string[]): ChatSocket[];
  /** A handshake starts; the mark to pass to `movedSince` and `end`. */
  begin(): number;
  /** A later mark, for a handshake that reads again. */
  mark(): number;
  /** The handshake of `begin` is over (once, whatever the outcome). */
  end(): void;
  /** These users' memberships moved on this node (the publisher, as it applies the change). */
  moved(userIds: readonly string[]): void;
  /** Whether the user's memberships moved on this node since the mark. */
  movedSince(userId: string, mark: number): boolean;
  /** These sessions were ended on this node (the publisher, as it closes their sockets). */
  ended(sessionIds: readonly string[]): void;
  /** Whether the session was ended on this node since the mark. */
  endedSince(sessionId: string, mark: number): boolean;
}

const perServer = new WeakMap<ChatIo, Handshakes>();

/** The one registry of a Socket.IO server, shared by its publisher and its handshake. */
export function handshakesOf(io: ChatIo): Handshakes {
  let h = perServer.get(io);
  if (!h) perServer.set(io, (h = createHandshakes()));
  return h;
}

const userKey = (id: string) => `u:${id}`;
const sessionKey = (id: string) => `s:${id}`;

export function createHandshakes(): Handshakes {
  const byUser = new Map<string, Set<ChatSocket>>();
  // The last move of each user (and end of each session) while handshakes were in flight;
  // forgotten when none is.
  const lastMove = new Map<string, number>();
  let clock = 0;
  let floor = 0;
  let inFlight = 0;
  const note = (keys: string[]) => {
    clock++;
    if (inFlight === 0) return;
    if (lastMove.size + keys.length > MAX_NOTED) {
      lastMove.clear();
      floor = clock;
    }
    for (const k of keys) lastMove.set(k, clock);
  };
  const since = (key: string, mark: number) => mark < floor || (lastMove.get(key) ?? 0) > mark;
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
    begin() {
      inFlight++;
      return clock;
    },
    mark() {
      return clock;
    },
    end() {
      inFlight--;
      if (inFlight === 0) {
        lastMove.clear();
        floor = clock;
      }
    },
    moved(userIds) {
      note(userIds.map(userKey));
    },
    movedSince(userId, mark) {
      return since(userKey(userId), mark);
    },
    ended(sessionIds) {
      note(sessionIds.map(sessionKey));
    },
    endedSince(sessionId, mark) {
      return since(sessionKey(sessionId), mark);
    },
  };
}
