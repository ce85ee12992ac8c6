// zod schemas of every payload that crosses the wire, HTTP bodies and socket events alike.
// The server parses with them at its boundary; the client uses them to type what it sends.
// Every string goes through `text()` (or `safe()`): no NUL, no lone surrogate, in any field.
import { z } from "zod";
import type { ErrorCode } from "./errors";
import { LIMITS } from "./limits";
import { LOCALES } from "../i18n/locales";
import type { MemberRole } from "./models";
import { cleanName, hasLoneSurrogate, hasNul, isBlank, overCodePoints } from "./text-rules";
import { asOneEmoji } from "./emoji";

/**
 * The rules every string of the protocol keeps, added to a string schema: no U+0000 (Postgres
 * refuses it in text, so it could only ever fail later, as `internal`) and no unpaired surrogate
 * (not a character; the driver would silently store U+FFFD instead). Checked first, and the
 * first failure stops the parse.
 */
export function safe<S extends z.ZodType<string>>(schema: S): S {
  return schema
    .refine((s) => !hasNul(s), { message: "must not contain the NUL character", abort: true })
    .refine((s) => !hasLoneSurrogate(s), { message: "must be well-formed Unicode (a lone surrogate)", abort: true });
}

/** A string of the protocol: `z.string()` with the rules of `safe`. Chain limits after it. */
export const text = () => safe(z.string());

/**
 * A custom issue that answers with another code than `invalid` (server/errors.ts reads it):
 * e.g. a body over the limit is `too_large` however far over it is.
 */
export const answerAs = (code: ErrorCode) => ({ code });

const id = text().min(1).max(64);
/** A `:param` of an HTTP route's path (an id). */
export const pathParam = id;
const seq = z.number().int().min(0).max(2_147_483_647);
/** A person's or a group's name: NFC, no control or bidi characters, something visible. */
export const nameSchema = text()
  .overwrite(cleanName)
  .refine((s) => !isBlank(s), { message: "must not be empty", abort: true })
  .max(LIMITS.nameMaxChars, `at most ${LIMITS.nameMaxChars} characters`);

export const email = text()
  .trim()
  .max(LIMITS.emailMaxChars)
  .pipe(z.email("must be a valid email address"))
  .transform((e) => e.toLowerCase());

export const signUpBody = z.object({
  email,
  name: nameSchema,
  password: text()
    .min(LIMITS.passwordMinChars, `at least ${LIMITS.passwordMinChars} characters`)
    .max(LIMITS.passwordMaxChars),
});

export const credentialsBody = z.object({
  email,
  password: text().min(1).max(LIMITS.passwordMaxChars),
});

export const createChannelBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct"), memberIds: z.tuple([id]) }),
  z.object({
    kind: z.literal("group"),
    name: nameSchema,
    memberIds: z.array(id).max(LIMITS.membersPerRequest),
  }),
]);

export const addMembersBody = z.object({
  userIds: z.array(id).min(1).max(LIMITS.membersPerRequest),
});

const seqParam = z.coerce.number().int().min(0).max(2_147_483_647);
export const historyQuery = z
  .object({
    before: seqParam.optional(),
    after: seqParam.optional(),
    around: seqParam.optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.historyMax).default(LIMITS.historyDefault),
  })
  .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, {
    message: "use at most one of before, after, around",
  });

export const userSearchQuery = z.object({
  q: text().trim().max(LIMITS.nameMaxChars).default(""),
  /** Comma-separated user ids: look these up instead of searching (names for a member list). */
  ids: text()
    .max(200 * 65)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(id).max(200))
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const changePasswordBody = z.object({
  currentPassword: text().min(1).max(LIMITS.passwordMaxChars),
  newPassword: text()
    .min(LIMITS.passwordMinChars, `at least ${LIMITS.passwordMinChars} characters`)
    .max(LIMITS.passwordMaxChars),
});

/** Strict: a setting the server does not know is refused, not silently dropped. */
export const mySettingsBody = z
  .object({
    /** The display name others see (trimmed, as at sign-up). */
    name: nameSchema.optional(),
    notificationPreviews: z.boolean().optional(),
    readReceipts: z.boolean().optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one setting: name, notificationPreviews, readReceipts, locale");

export const renameChannelBody = z.object({ name: nameSchema });

export const memberRoleBody = z.object({
  role: z.enum(["owner", "admin", "member"] as const satisfies readonly MemberRole[]),
});

export const muteBody = z.object({ muted: z.boolean() });

const base64url = text().min(1).max(200).regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url");
/** As PushSubscription.toJSON() gives it. */
export const pushSubscriptionBody = z.object({
  endpoint: safe(z.url()).max(2000).refine((u) => u.startsWith("https://"), "endpoint must be https"),
  keys: z.object({ p256dh: base64url, auth: base64url }),
});
export const pushEndpointBody = z.object({ endpoint: text().min(1).max(2000) });

export const searchQuery = z.object({
  q: text()
    .trim()
    .min(1, "q: type something to search for")
    .max(LIMITS.searchQueryMaxChars, `q: at most ${LIMITS.searchQueryMaxChars} characters`),
  channelId: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const mentionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

// ---- socket events (client → server) ----

/**
 * A message body: over the limit is `too_large`, however far over (the transport's buffer bounds
 * the work). Blankness and control characters are the domain's rule (lib/contract/message-body.ts).
 */
const messageBody = () =>
  z
    .string()
    .refine((s) => !overCodePoints(s, LIMITS.bodyMaxChars), {
      message: `at most ${LIMITS.bodyMaxChars} characters`,
      params: answerAs("too_large"),
      abort: true,
    })
    .pipe(text());

/** A message's position in its channel: seqs start at 1. */
const messageSeq = z.number().int().min(1).max(2_147_483_647);

export const sendMessagePayload = z.object({
  channelId: id,
  clientMsgId: text().min(1).max(LIMITS.clientMsgIdMaxChars),
  body: messageBody(),
  /** The seq of the message this one answers, in the same channel. */
  replyTo: messageSeq.optional(),
  /** Uploads of the sender to this channel, not yet sent (Files). */
  attachmentIds: z.array(id).max(LIMITS.attachmentsPerMessageMax, `attachmentIds: at most ${LIMITS.attachmentsPerMessageMax}`).optional(),
});

export const editMessagePayload = z.object({ channelId: id, seq: messageSeq, body: messageBody() });
export const deleteMessagePayload = z.object({ channelId: id, seq: messageSeq });

/** Exactly one emoji (lib/contract/emoji.ts). */
export const emojiSchema = text()
  .max(LIMITS.emojiMaxChars, "emoji: one emoji")
  .transform((s, ctx) => {
    const emoji = asOneEmoji(s);
    if (emoji !== null) return emoji;
    ctx.addIssue({ code: "custom", message: "emoji: must be exactly one emoji" });
    return z.NEVER;
  });

export const reactionPayload = z.object({ channelId: id, seq: messageSeq, emoji: emojiSchema, on: z.boolean() });

export const syncPayload = z.object({
  // A cursor is the seq a device holds up to, or `{seq, version}` to also get the changes to the
  // messages it holds since `version` (PROTOCOL.md "Messages that change").
  // A device may hold many channels; past LIMITS.syncMaxCursors the request is refused. The
  // domain only looks at the user's own channels, so the work stays bounded by those.
  cursors: z
    .record(text().max(64), z.union([seq, z.object({ seq, version: seq })]))
    .refine((c) => Object.keys(c).length <= LIMITS.syncMaxCursors, `at most ${LIMITS.syncMaxCursors} cursors`),
  limit: z.number().int().min(1).max(LIMITS.syncMax).optional(),
});

export const readPayload = z.object({ channelId: id, seq });
export const typingPayload = z.object({ channelId: id });
/**
 * `active: false` from a device whose app is open but hidden: the connection stays alive (no
 * zombie timeout) without making the user look active ("last seen" keeps its time).
 */
export const heartbeatPayload = z.object({ active: z.boolean().optional() }).passthrough().optional();
export const presenceSubscribePayload = z.object({
  userIds: z.array(id).max(LIMITS.presenceSubscribeMax),
});

// `…Body`/`…Payload`: what a client sends (z.input). `…Input`: what a domain function receives,
// already parsed at the transport edge (z.output: trimmed, lower-cased, defaults filled).
export type SignUpBody = z.input<typeof signUpBody>;
export type CreateChannelBody = z.input<typeof createChannelBody>;
export type SendMessagePayload = z.input<typeof sendMessagePayload>;
export type EditMessagePayload = z.input<typeof editMessagePayload>;
export type DeleteMessagePayload = z.input<typeof deleteMessagePayload>;
export type ReactionPayload = z.input<typeof reactionPayload>;
export type SyncPayload = z.input<typeof syncPayload>;
export type ReadPayload = z.input<typeof readPayload>;
export type TypingPayload = z.input<typeof typingPayload>;
export type HeartbeatPayload = z.input<typeof heartbeatPayload>;
export type PresenceSubscribePayload = z.input<typeof presenceSubscribePayload>;

export type SignUpInput = z.output<typeof signUpBody>;
export type CredentialsInput = z.output<typeof credentialsBody>;
export type ChangePasswordInput = z.output<typeof changePasswordBody>;
export type MySettingsInput = z.output<typeof mySettingsBody>;
export type UserSearchInput = z.output<typeof userSearchQuery>;
export type CreateChannelInput = z.output<typeof createChannelBody>;
export type RenameChannelInput = z.output<typeof renameChannelBody>;
export type MemberRoleInput = z.output<typeof memberRoleBody>;
export type AddMembersInput = z.output<typeof addMembersBody>;
export type MuteInput = z.output<typeof muteBody>;
export type HistoryInput = z.output<typeof historyQuery>;
export type SearchInput = z.output<typeof searchQuery>;
export type MentionsInput = z.output<typeof mentionsQuery>;
export type PushSubscriptionInput = z.output<typeof pushSubscriptionBody>;
export type PushEndpointInput = z.output<typeof pushEndpointBody>;

// ---- sign-up modes and invites (SIGNUP_MODE; docs/protocol.md "Abuse limits") ----
export const inviteCode = z.string().trim().min(1).max(100);
/** POST /api/users: the sign-up body plus an invite code (required when SIGNUP_MODE is invite). */
export const signUpWithInviteBody = signUpBody.extend({ inviteCode: inviteCode.optional() });
/** POST /api/invites: how many sign-ups the link allows (default one). */
export const createInviteBody = z
  .object({ maxUses: z.number().int().min(1).max(100).default(1) })
  .default({ maxUses: 1 });
export type SignUpWithInviteInput = z.output<typeof signUpWithInviteBody>;
export type CreateInviteInput = z.output<typeof createInviteBody>;
