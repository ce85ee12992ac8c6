// Everything an app's transports need, built once per app by the composition root (server/app.ts)
// and handed to the socket server and, per request, to the HTTP routes (server/runtime.ts).
import type { LoginLimiter } from "./auth/login-limiter";
import type { MembershipCache } from "./channels/membership-cache";
import type { Config } from "./config";
import type { Db } from "./db/types";
import type { FileServices } from "./files/upload-attachment";
import type { Publisher } from "./events/publisher";
import type { Quota } from "./limits/quota";
import type { Logger } from "./log";
import type { ChannelWriter } from "./messages/channel-writer";
import type { SendLimiter } from "./messages/send-limiter";
import type { PushNotifier } from "./push/push-notifier";
import type { PresenceConfig } from "./realtime/presence-wiring";

export interface AppServices {
  config: Config;
  log: Logger;
  /** Signs and checks session cookies (Auth.js JWTs). */
  authSecret: string;
  db: Db;
  publisher: Publisher;
  writer: ChannelWriter;
  /** Senders' memberships, asked before a message is queued (server/channels/membership-cache.ts). */
  members: MembershipCache;
  sendLimiter: SendLimiter;
  loginLimiter: LoginLimiter;
  /** Sign-up attempts per client address. */
  signupQuota: Quota;
  /** Invite links per user. */
  inviteQuota: Quota;
  push: PushNotifier;
  presence: PresenceConfig;
  vapidPublicKey: string;
  /** Uploads: the FileStore (local folder or S3), image processing, staging folder, limits. */
  files: FileServices;
}
