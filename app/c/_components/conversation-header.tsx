"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { ChannelEntry } from "@/app/_client/store";
import { useChat } from "@/app/_client/use-chat";
import { Avatar } from "./avatar";
import { formatLastSeen } from "./format-time";
import { useOtherMember } from "./use-channel-name";

export function ConversationHeader({ channel, name }: { channel: ChannelEntry; name: string }) {
  const otherId = useOtherMember(channel);
  const presence = useChat((s) => (otherId ? s.presence[otherId] : undefined));
  const now = useMinuteClock(presence !== undefined && !presence.online);
  const subtitle =
    channel.kind === "group"
      ? `${channel.memberIds.length} member${channel.memberIds.length === 1 ? "" : "s"}`
      : presence
        ? presence.online
          ? "online"
          : formatLastSeen(presence.lastActiveAt, now)
        : null;
  return (
    <header className="conversation-head">
      <Link href="/c" className="back-link">
        <span aria-hidden="true">‹</span>
        <span className="sr-only">Back to channels</span>
      </Link>
      <Avatar id={otherId ?? channel.id} name={name} />
      <div className="conversation-title">
        <h1 id="conversation-title">{name}</h1>
        {subtitle && (
          <p className={`conversation-sub${presence?.online ? " online" : ""}`}>{subtitle}</p>
        )}
      </div>
    </header>
  );
}

/** The current time, renewed every minute while `running` ("last seen 5 min ago" moves on). */
function useMinuteClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, [running]);
  return now;
}
