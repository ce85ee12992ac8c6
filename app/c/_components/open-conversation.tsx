"use client";
import { Conversation } from "./conversation";
import { useOpenAddress } from "./use-open-address";

/** The conversation of the address bar, built again (keyed) when it changes to another one. */
export function OpenConversation() {
  const { channelId } = useOpenAddress();
  return channelId ? <Conversation key={channelId} channelId={channelId} /> : null;
}
