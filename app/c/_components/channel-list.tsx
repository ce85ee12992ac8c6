"use client";
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { useChat } from "@/app/_client/use-chat";
import { ChannelLink } from "./channel-link";

export function ChannelList() {
  const t = useTranslations("sidebar");
  const tc = useTranslations("common");
  const channels = useChat((s) => s.channels);
  const loaded = useChat((s) => s.channelsLoaded);
  const list = useMemo(
    () => Object.values(channels).sort((a, b) => b.activityAt.localeCompare(a.activityAt) || a.id.localeCompare(b.id)),
    [channels],
  );
  return (
    <nav aria-label={t("channels")} className="channel-nav">
      {list.length > 0 ? (
        <ul className="channel-list">
          {list.map((c) => (
            <li key={c.id}>
              <ChannelLink channel={c} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="channel-empty">{loaded ? t("noConversations") : tc("loading")}</p>
      )}
    </nav>
  );
}
