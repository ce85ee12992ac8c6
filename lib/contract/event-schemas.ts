// The schema each client-to-server event's payload is parsed with, once, at the socket edge.
// `satisfies` keeps this map in step with ClientToServerEvents: an event without a schema, or a
// schema whose input is not the event's payload type, does not compile.
import type { z } from "zod";
import type { ClientEventName, ClientEventPayload } from "./events";
import {
  deleteMessagePayload,
  editMessagePayload,
  heartbeatPayload,
  presenceSubscribePayload,
  reactionPayload,
  readPayload,
  sendMessagePayload,
  syncPayload,
  typingPayload,
} from "./schemas";

const schemas = {
  "message:send": sendMessagePayload,
  "message:edit": editMessagePayload,
  "message:delete": deleteMessagePayload,
  reaction: reactionPayload,
  sync: syncPayload,
  read: readPayload,
  typing: typingPayload,
  heartbeat: heartbeatPayload,
  "presence:subscribe": presenceSubscribePayload,
} satisfies { [E in ClientEventName]: z.ZodType<unknown, ClientEventPayload<E>> };

/** An event's payload after parsing: what the domain function for it takes. */
export type ClientEventInput<E extends ClientEventName> = z.output<(typeof schemas)[E]>;

/** Typed per event, so that code generic over the event name gets its exact schema. */
export const clientEventSchemas: { [E in ClientEventName]: z.ZodType<ClientEventInput<E>, ClientEventPayload<E>> } = schemas;

export type SendMessageInput = ClientEventInput<"message:send">;
export type EditMessageInput = ClientEventInput<"message:edit">;
export type DeleteMessageInput = ClientEventInput<"message:delete">;
export type ReactionInput = ClientEventInput<"reaction">;
export type SyncInput = ClientEventInput<"sync">;
export type ReadInput = ClientEventInput<"read">;
export type TypingInput = ClientEventInput<"typing">;
export type HeartbeatInput = ClientEventInput<"heartbeat">;
export type PresenceSubscribeInput = ClientEventInput<"presence:subscribe">;
