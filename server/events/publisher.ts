// How the domain tells connected devices what changed. Called only after the change has
// committed, with an explicit audience: the rooms `user:{id}` (every device of a user) and
// `channel:{id}` (every device of every member).
import type { ServerEventName, ServerEventPayload } from "../../lib/contract/events";

export interface Audience {
  users?: readonly string[];
  channels?: readonly string[];
  /** Devices that asked to follow these users' presence (presence:subscribe). */
  presenceOf?: readonly string[];
  /** Leave out every device of these users (e.g. the typist, for `typing`). */
  exceptUsers?: readonly string[];
  /** May be dropped under load instead of queued (typing indicators). */
  volatile?: boolean;
}

export interface Publisher {
  publish<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>, audience: Audience): void;
  /** Subscribe every device of these users to a channel's room (on every node). */
  joinChannel(channelId: string, userIds: readonly string[]): void;
  /** Unsubscribe them: they receive nothing more from the channel. */
  leaveChannel(channelId: string, userIds: readonly string[]): void;
  /**
   * These sessions or tokens have ended (their rows are gone): close every socket they opened, on
   * every node. A reconnect with them is refused at the handshake.
   */
  endSessions(sessionIds: readonly string[]): void;
  /** Every device of `followers` stops following the presence of `followed` (presence:subscribe). */
  stopFollowing(followers: readonly string[], followed: readonly string[]): void;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const channelRoom = (channelId: string) => `channel:${channelId}`;
export const isChannelRoom = (room: string) => room.startsWith("channel:");
export const presenceRoom = (userId: string) => `presence:${userId}`;
/** Every socket opened with one credential (server/realtime/session-wiring.ts). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
