// The one typed map of the HTTP API (PROTOCOL.md "HTTP"), shared by the server's route() and the
// client's api(): per route, keyed "METHOD /path/:param", the zod schemas of its query and body
// and the type of its success answer. Auth.js's own routes (/api/auth/*) are not ours to map.
// No Node imports. The browser imports only its types (and route-keys.ts): the schemas, and zod
// with them, stay out of its bundle.
import "./zod-jitless";
import type { z } from "zod";
import type { Attachment, Channel, ChannelView, Invite, MemberView, Message, MySettings, SearchResult, SessionView, SignupMode, User } from "./models";
export { fillPath, type HttpMethod, splitRouteKey } from "./route-keys";
import {
  addMembersBody,
  changePasswordBody,
  createChannelBody,
  createInviteBody,
  credentialsBody,
  historyQuery,
  memberRoleBody,
  mentionsQuery,
  muteBody,
  mySettingsBody,
  pushEndpointBody,
  pushSubscriptionBody,
  renameChannelBody,
  searchQuery,
  signUpWithInviteBody,
  userSearchQuery,
} from "./schemas";

// The success answer's type, carried by the map at the type level only (nothing at run time).
declare const answer: unique symbol;
export interface Returns<T> {
  readonly [answer]: T;
}
const json = <T>() => ({}) as Returns<T>;
/** 204 No Content: success has no body. */
const noContent = json<void>();
/** The file's own bytes (not JSON: use the URL, e.g. as an img src, or fetch it as a Blob). */
const bytes = json<Blob>();

interface RouteSpec {
  query?: z.ZodType;
  body?: z.ZodType;
  /** false: no caller to authenticate (sign-up, log-in, discovery, the VAPID key). */
  auth?: false;
  /**
   * Answered by the app's HTTP server on the Node request, before Next (server/files/file-routes.ts):
   * a streamed body (multipart upload) or a streamed answer (bytes). Not callable with api().
   */
  stream?: true;
  response: Returns<unknown>;
}

export const httpRoutes = {
  // ---- users and sessions ----
  /** 201. With SIGNUP_MODE invite, `inviteCode` is required; closed: 403. */
  "POST /api/users": { body: signUpWithInviteBody, auth: false, response: json<{ user: User }>() },
  "GET /api/users": { query: userSearchQuery, response: json<{ users: User[] }>() },
  "GET /api/users/:id": { response: json<{ user: User }>() },
  "POST /api/tokens": { body: credentialsBody, auth: false, response: json<{ token: string; user: User }>() },
  "GET /api/me": { response: json<{ user: MySettings }>() },
  "PATCH /api/me": { body: mySettingsBody, response: json<{ user: MySettings }>() },
  /** Every other session and token of the caller ends (and its sockets); this one stays. */
  "PUT /api/me/password": { body: changePasswordBody, response: noContent },
  /** Every session and token of the caller ends, this one included, and every socket they opened. */
  "POST /api/me/logout-all": { response: noContent },
  /** The caller's live browser sessions and tokens. */
  "GET /api/me/sessions": { response: json<{ sessions: SessionView[] }>() },
  /** Ends one of the caller's own sessions or tokens (404 for anyone else's) and its sockets. */
  "DELETE /api/me/sessions/:id": { response: noContent },
  /**
   * The caller's profile picture: multipart/form-data, one part `file`, a JPEG, PNG, GIF or WebP of
   * at most LIMITS.avatarMaxBytes (413) with sides within LIMITS.avatarMinPx..avatarMaxPx (400).
   * Stored as a square WebP; co-members get `user:update`.
   */
  "PUT /api/me/avatar": { stream: true, response: json<{ user: MySettings }>() },
  /** Back to initials; co-members get `user:update`. */
  "DELETE /api/me/avatar": { response: json<{ user: MySettings }>() },
  /** A user's profile picture (their `avatarUrl`), to any signed-in user: always image/webp. */
  "GET /api/avatars/:id": { stream: true, response: bytes },

  // ---- channels ----
  "GET /api/channels": { response: json<{ channels: ChannelView[] }>() },
  /** 201 when created; 200 with the existing direct channel between the same two people. */
  "POST /api/channels": { body: createChannelBody, response: json<{ channel: Channel }>() },
  "PATCH /api/channels/:id": { body: renameChannelBody, response: json<{ channel: Channel }>() },
  "PUT /api/channels/:id/mute": { body: muteBody, response: json<{ muted: boolean }>() },
  "GET /api/channels/:id/messages": { query: historyQuery, response: json<{ messages: Message[] }>() },
  "GET /api/channels/:id/members": { response: json<{ members: MemberView[] }>() },
  "POST /api/channels/:id/members": { body: addMembersBody, response: json<{ channel: Channel }>() },
  "PATCH /api/channels/:id/members/:userId": { body: memberRoleBody, response: noContent },
  "DELETE /api/channels/:id/members/:userId": { response: noContent },

  // ---- files ----
  /** 201. multipart/form-data, one part `file`; over UPLOAD_MAX_BYTES 413, over the daily quota 429. */
  "POST /api/channels/:id/attachments": { stream: true, response: json<{ attachment: Attachment }>() },
  /** An attachment's bytes (its `url`), to members of its channel; images inline, the rest as downloads. */
  "GET /api/files/:id": { stream: true, response: bytes },
  /** An image attachment's thumbnail (its `thumbnailUrl`): WebP, at most 480 px. */
  "GET /api/files/:id/thumbnail": { stream: true, response: bytes },

  // ---- search ----
  "GET /api/search": { query: searchQuery, response: json<{ results: SearchResult[] }>() },
  "GET /api/mentions": { query: mentionsQuery, response: json<{ results: SearchResult[] }>() },

  // ---- discovery, settings clients show, invites and push ----
  "GET /api/discovery": { auth: false, response: json<{ url: string }>() },
  /**
   * For the browser's session cookie only (403 for a bearer token): a ticket, good for a minute, that
   * opens a socket as this session on any node (`auth: {ticket}`), where the cookie is not sent.
   */
  "POST /api/socket-ticket": { response: json<{ ticket: string; expiresAt: string }>() },
  "GET /api/config": { auth: false, response: json<{ signupMode: SignupMode }>() },
  /** 201. Only when SIGNUP_MODE is invite (else 403). */
  "POST /api/invites": { body: createInviteBody, response: json<{ invite: Invite }>() },
  "GET /api/push/vapid-public-key": { auth: false, response: json<{ publicKey: string }>() },
  /** 201. */
  "POST /api/push/subscriptions": { body: pushSubscriptionBody, response: json<{ id: string }>() },
  "DELETE /api/push/subscriptions": { body: pushEndpointBody, response: noContent },
} as const satisfies Record<string, RouteSpec>;

export type HttpRoutes = typeof httpRoutes;
export type RouteKey = keyof HttpRoutes;

type PathOf<K> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** The path's `:params`, by name. */
export type RouteParams<K extends RouteKey> = { [N in ParamNames<PathOf<K>>]: string };

type QuerySchema<K extends RouteKey> = HttpRoutes[K] extends { query: infer Q extends z.ZodType } ? Q : never;
type BodySchema<K extends RouteKey> = HttpRoutes[K] extends { body: infer B extends z.ZodType } ? B : never;

/** The query as the server's handler receives it, parsed (undefined when the route takes none). */
export type RouteQuery<K extends RouteKey> = [QuerySchema<K>] extends [never] ? undefined : z.output<QuerySchema<K>>;
/** The body as the server's handler receives it, parsed (undefined when the route takes none). */
export type RouteBody<K extends RouteKey> = [BodySchema<K>] extends [never] ? undefined : z.output<BodySchema<K>>;

/** What a client puts in the query string: the schema's keys, values as text or numbers. */
export type QueryInput<K extends RouteKey> = [QuerySchema<K>] extends [never]
  ? never
  : { [P in keyof z.input<QuerySchema<K>>]?: string | number };
/** What a client sends as the JSON body. */
export type BodyInput<K extends RouteKey> = [BodySchema<K>] extends [never] ? never : z.input<BodySchema<K>>;

/** The success answer: its JSON, or void for 204 No Content. */
export type RouteResponse<K extends RouteKey> = HttpRoutes[K]["response"] extends Returns<infer T> ? T : never;

