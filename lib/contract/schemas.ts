// zod schemas of every payload that crosses the wire, HTTP bodies and socket events alike.
// The server parses with them at its boundary; the client uses them to type what it sends.
import { z } from "zod";
import { LIMITS } from "./limits";

const id = z.string().min(1).max(64);
const seq = z.number().int().min(0).max(2_147_483_647);
const trimmedName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(LIMITS.nameMaxChars, `at most ${LIMITS.nameMaxChars} characters`);

export const email = z
  .string()
  .trim()
  .max(LIMITS.emailMaxChars)
  .pipe(z.email("must be a valid email address"))
  .transform((e) => e.toLowerCase());

export const signUpBody = z.object({
  email,
  name: trimmedName,
  password: z
    .string()
    .min(LIMITS.passwordMinChars, `at least ${LIMITS.passwordMinChars} characters`)
    .max(LIMITS.passwordMaxChars),
});

export const credentialsBody = z.object({
  email,
  password: z.string().min(1).max(LIMITS.passwordMaxChars),
});

export const createChannelBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct"), memberIds: z.tuple([id]) }),
  z.object({
    kind: z.literal("group"),
    name: trimmedName,
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
  q: z.string().trim().max(LIMITS.nameMaxChars).default(""),
  /** Comma-separated user ids: look these up instead of searching (names for a member list). */
  ids: z
    .string()
    .max(200 * 65)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.string().min(1).max(64)).max(200))
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// ---- socket events (client → server) ----

export const sendMessagePayload = z.object({
  channelId: id,
  clientMsgId: z.string().min(1).max(LIMITS.clientMsgIdMaxChars),
  // Length and blankness are checked by the domain (too_large vs invalid); this only bounds
  // the work before that check.
  body: z.string().max(LIMITS.bodyMaxChars * 4 + 16),
});

export const syncPayload = z.object({
  // A device may hold many channels; past LIMITS.syncMaxCursors the request is refused. The
  // domain only looks at the user's own channels, so the work stays bounded by those.
  cursors: z
    .record(z.string().max(64), seq)
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

export type SignUpBody = z.input<typeof signUpBody>;
export type CreateChannelBody = z.input<typeof createChannelBody>;
export type SendMessagePayload = z.input<typeof sendMessagePayload>;
export type SyncPayload = z.input<typeof syncPayload>;
export type ReadPayload = z.input<typeof readPayload>;
export type TypingPayload = z.input<typeof typingPayload>;
export type HeartbeatPayload = z.input<typeof heartbeatPayload>;
export type PresenceSubscribePayload = z.input<typeof presenceSubscribePayload>;
