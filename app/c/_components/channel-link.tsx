"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { ChannelEntry } from "@/app/_client/store";
import { Avatar } from "./avatar";
import { useChannelName, useOtherMember } from "./use-channel-name";

export function ChannelLink({ channel }: { channel: ChannelEntry }) {
  const { channelId } = useParams<{ channelId?: string }>();
  const name = useChannelName(channel);
  const otherId = useOtherMember(channel);
  const active = channelId !== undefined && decodeURIComponent(channelId) === channel.id;
  const unread = channel.unread;
  return (
    <Link
      href={`/c/${encodeURIComponent(channel.id)}`}
      className={`channel-link${unread > 0 ? " has-unread" : ""}`}
      aria-current={active ? "page" : undefined}
    >
      <Avatar id={otherId ?? channel.id} name={name} size="small" />
      <span className="channel-name">{name}</span>
      {unread > 0 && (
        <>
          <span className="sr-only">, {unread} unread</span>
          <span className="badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        </>
      )}
    </Link>
  );
}
