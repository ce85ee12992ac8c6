"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ChannelEntry } from "@/app/_client/store";
import { Avatar } from "./avatar";
import { MembersDialog } from "./members-dialog";
import { MuteButton } from "./mute-button";
import { PresenceDot } from "./presence-dot";
import { useOtherMember } from "./use-channel-name";
import { usePresence } from "./use-presence";

export function ConversationHeader({ channel, name }: { channel: ChannelEntry; name: string }) {
  const t = useTranslations("conversation");
  const otherId = useOtherMember(channel);
  const presence = usePresence(otherId);
  const count = channel.memberIds.length;
  return (
    <header className="conversation-head">
      <Link href="/c" className="back-link">
        <span aria-hidden="true">‹</span>
        <span className="sr-only">{t("back")}</span>
      </Link>
      <Avatar id={otherId ?? channel.id} name={name} />
      <div className="conversation-title">
        <h1 id="conversation-title">{name}</h1>
        {channel.kind === "group" ? (
          <p className="conversation-sub">{t("members", { count })}</p>
        ) : (
          presence && (
            <p className={`conversation-sub presence${presence.online ? " online" : ""}`}>
              <PresenceDot online={presence.online} />
              <span className="presence-text">{presence.text}</span>
            </p>
          )
        )}
      </div>
      <MuteButton channel={channel} />
      {channel.kind === "group" && <MembersDialog channel={channel} />}
    </header>
  );
}
