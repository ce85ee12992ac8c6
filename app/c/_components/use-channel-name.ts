"use client";
import { useTranslations } from "next-intl";
import { useChat } from "@/app/_client/use-chat";
import type { Channel } from "@/lib/contract/models";

/** The other person of a direct channel (yourself in a note-to-self), or undefined for a group. */
export function useOtherMember(channel: Channel | undefined): string | undefined {
  const meId = useChat((s) => s.me?.id);
  if (channel?.kind !== "direct") return undefined;
  return channel.memberIds.find((id) => id !== meId) ?? meId;
}

/** A group's name, or the other person's name for a direct channel. */
export function useChannelName(channel: Channel | undefined): string {
  const otherId = useOtherMember(channel);
  const t = useTranslations("conversation");
  const otherName = useChat((s) => (otherId ? s.users[otherId]?.name : undefined));
  if (!channel) return "";
  if (channel.kind === "group") return channel.name ?? t("group");
  return otherName ?? "…";
}
