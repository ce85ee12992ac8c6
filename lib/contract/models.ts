// Plain data shapes of the protocol. The domain builds these; Prisma rows never leave the server.

export interface User {
  id: string;
  name: string;
  /** Only present when the user is the caller. */
  email?: string;
}

export type ChannelKind = "direct" | "group";

export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string | null;
  memberIds: string[];
  lastSeq: number;
  createdAt: string;
  /** Time of the newest message (creation time before the first); the list is ordered by it. */
  lastMessageAt?: string;
}

/** A channel as its member sees it in their list. */
export interface ChannelView extends Channel {
  lastReadSeq: number;
  unread: number;
  /** No push notifications from it, except mentions (PUT /api/channels/:id/mute). */
  muted?: boolean;
  /** Direct channels: the other person's presence. */
  presence?: PresenceState;
}

export interface Message {
  channelId: string;
  seq: number;
  senderId: string;
  body: string;
  clientMsgId: string;
  createdAt: string;
}

export type MemberRole = "owner" | "admin" | "member";

/** A member of a channel with their role (GET /api/channels/:id/members). */
export interface MemberView {
  userId: string;
  role: MemberRole;
  joinedAt: string;
}

/** A member by name, as mentions and the composer's autocomplete need them. */
export interface MemberName {
  id: string;
  name: string;
}

/** A search or mentions result: the message and the channel it is in. */
export interface SearchResult {
  message: Message;
  channel: Channel;
}

/** The caller as PATCH /api/me answers: their user and their settings. */
export type MySettings = User & { notificationPreviews: boolean };

/** A browser log-in or a bearer token: GET /api/me/sessions. */
export type SessionKind = "browser" | "token";
export interface SessionView {
  id: string;
  kind: SessionKind;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  /** The session this request came through. */
  current: boolean;
}

/** Whether a user has a device connected, and when they were last active (`presence` event). */
export interface PresenceState {
  userId: string;
  online: boolean;
  lastActiveAt: string | null;
}

/** The `sync` ack: what a (re)connecting device is missing (PROTOCOL.md "Realtime"). */
export interface SyncResult {
  messages: Message[];
  channels: ChannelView[];
  more: boolean;
}

/** Who may sign up (SIGNUP_MODE): GET /api/config. */
export type SignupMode = "open" | "invite" | "closed";

/** A sign-up invitation (POST /api/invites); the code is shown once, only to its maker. */
export interface Invite {
  code: string;
  /** The /signup page with the code filled in. */
  url: string;
  maxUses: number;
  expiresAt: string;
}
