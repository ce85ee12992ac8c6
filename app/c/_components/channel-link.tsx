"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ChannelEntry } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import { Avatar } from "./avatar";
import { useChannelName, useOtherMember } from "./use-channel-name";
import { useOpenAddress } from "./use-open-address";

export function ChannelLink({ channel }: { channel: ChannelEntry }) {
  const t = useTranslations("sidebar");
  const { channelId } = useOpenAddress();
  const name = useChannelName(channel);
  const otherId = useOtherMember(channel);
  const meId = useChat((s) => s.me?.id);
  // Direct channels only (not a note to self): whether the other person is online (unknown while we are offline).
  const online = useChat((s) => (otherId && otherId !== meId && s.status !== "offline" ? s.presence[otherId]?.online : undefined));
  const active = channelId === channel.id;
  const unread = channel.unread;
  return (
    <Link
      href={`/c/${encodeURIComponent(channel.id)}`}
      className={`channel-link${unread > 0 ? " has-unread" : ""}`}
      aria-current={active ? "page" : undefined}
    >
      <span className="avatar-wrap">
        <Avatar id={otherId ?? channel.id} name={name} size="small" />
        {online !== undefined && <span className="avatar-presence" data-online={online ? "true" : "false"} aria-hidden="true" />}
      </span>
      <span className="channel-name">{name}</span>
      {online && <span className="sr-only">{t("online")}</span>}
      {unread > 0 && (
        <>
          <span className="sr-only">{t("unread", { count: unread })}</span>
          <span className="badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        </>
      )}
    </Link>
  );
}
