// Plain data shapes of the protocol. The domain builds these; Prisma rows never leave the server.

export interface User {
  id: string;
  name: string;
  /** Only present when the user is the caller. */
  email?: string;
  /**
   * The profile picture (GET /api/avatars/:id, a 256 px square WebP), or null: show initials.
   * Always sent by the server; absent only in copies a device kept from before avatars existed.
   */
  avatarUrl?: string | null;
}

export type ChannelKind = "direct" | "group";

export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string | null;
  memberIds: string[];
  lastSeq: number;
  /** The channel's change counter: the `version` of its most recently changed message. */
  version: number;
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
  /** "" once deleted. */
  body: string;
  clientMsgId: string;
  createdAt: string;
  /** The seq of the message (same channel) this one answers; it may since have been deleted. */
  replyTo: number | null;
  /** Time of the last edit. */
  editedAt: string | null;
  /** A deleted message keeps its seq; body, reactions and attachments are emptied. */
  deletedAt: string | null;
  /** Each emoji with who chose it, in the order the emoji first appeared (at most 20). */
  reactions: Reaction[];
  attachments: Attachment[];
  /**
   * The channel's change counter when this message last changed (send, edit, delete, reaction):
   * a device that applied a message at version v ignores any copy with a lower one.
   */
  version: number;
}

export interface Reaction {
  /** One emoji (RGI, incl. ZWJ sequences, skin tones, flags). */
  emoji: string;
  userIds: string[];
}

/** An uploaded file (POST /api/channels/:id/attachments), referenced by message:send. */
export interface Attachment {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  /** The media type found in the content, not the one the client claimed. */
  type: string;
  /** Answers the bytes to the channel's members only. */
  url: string;
  /** Images (JPEG, PNG, GIF, WebP) only. */
  width?: number;
  height?: number;
  thumbnailUrl?: string;
}

export type MemberRole = "owner" | "admin" | "member";

/** A member of a channel with their role (GET /api/channels/:id/members). */
export interface MemberView {
  userId: string;
  role: MemberRole;
  joinedAt: string;
  /**
   * How far this member has read (0 when never): read receipts. `null` when the member turned
   * read receipts off (PATCH /api/me {readReceipts: false}) — except for the caller themselves.
   */
  lastReadSeq: number | null;
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
export type MySettings = User & { notificationPreviews: boolean; readReceipts: boolean; locale: string };

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
  /**
   * Present (maybe empty) whenever any cursor was `{seq, version}`: messages the device holds
   * that changed since (edited, deleted, reactions), in version order per channel.
   */
  updates?: Message[];
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
