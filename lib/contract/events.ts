// The one typed contract of the Socket.IO protocol (PROTOCOL.md "Realtime"). Both the server's
// `new Server<...>` and the client's `Socket<...>` are typed by it.
import type { Ack } from "./errors";
import type { Channel, Message, PresenceState, SyncResult, User } from "./models";
import type {
  DeleteMessagePayload,
  EditMessagePayload,
  HeartbeatPayload,
  PresenceSubscribePayload,
  ReactionPayload,
  ReadPayload,
  SendMessagePayload,
  SyncPayload,
  TypingPayload,
} from "./schemas";

export interface ClientToServerEvents {
  "message:send": (p: SendMessagePayload, ack: (a: Ack<{ message: Message }>) => void) => void;
  /** Only its sender edits a message. */
  "message:edit": (p: EditMessagePayload, ack: (a: Ack<{ message: Message }>) => void) => void;
  /** Its sender, or a group's owner or admin; deleting again answers the same message. */
  "message:delete": (p: DeleteMessagePayload, ack: (a: Ack<{ message: Message }>) => void) => void;
  /** Adds (`on: true`) or removes the caller's reaction; doing what is done changes nothing. */
  reaction: (p: ReactionPayload, ack: (a: Ack<{ message: Message }>) => void) => void;
  sync: (p: SyncPayload, ack: (a: Ack<SyncResult>) => void) => void;
  read: (p: ReadPayload, ack: (a: Ack) => void) => void;
  typing: (p: TypingPayload, ack: (a: Ack) => void) => void;
  heartbeat: (p: HeartbeatPayload, ack: (a: Ack) => void) => void;
  "presence:subscribe": (
    p: PresenceSubscribePayload,
    ack: (a: Ack<{ presence: PresenceState[] }>) => void,
  ) => void;
}

export interface ServerToClientEvents {
  message: (m: Message) => void;
  /** A message changed (edit, delete, reaction): the whole message, with its new `version`. */
  "message:update": (m: Message) => void;
  read: (r: { channelId: string; userId: string; seq: number }) => void;
  typing: (t: { channelId: string; userId: string }) => void;
  presence: (p: PresenceState) => void;
  channel: (c: Channel) => void;
  /**
   * A user changed their name or profile picture: `{id, name, avatarUrl}` (never the email), to
   * every device of the user and of everyone who shares a channel with them.
   */
  "user:update": (u: User) => void;
}

/** Server-side state of a connection (never sent to clients). */
export interface SocketData {
  userId: string;
  /** The session or token the handshake authenticated with: ending it closes this socket. */
  sessionId: string;
  /** When that credential expires (ms since the epoch): the socket closes then. */
  sessionExpiresAt: number;
  /** When the client last sent `heartbeat` (or connected): zombie detection. */
  lastHeartbeatAt: number;
  /** The users whose presence this device follows (presence:subscribe). */
  presenceFollows: string[];
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

export type ClientEventName = keyof ClientToServerEvents;
/** What a client sends with event E (before parsing: the schema's input). */
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type ClientEventAck<E extends ClientEventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
/** What a handler of E answers besides `ok: true`; void for events whose ack is a bare `{ok}`. */
export type ClientEventResult<E extends ClientEventName> =
  Omit<Extract<ClientEventAck<E>, { ok: true }>, "ok"> extends infer R ? ({} extends R ? void : R) : never;
