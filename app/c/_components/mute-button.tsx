"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { muteChannel } from "@/app/_client/notification-settings";
import type { ChannelEntry } from "@/app/_client/store";

/** Mutes push notifications from this conversation (mentions still notify). */
export function MuteButton({ channel }: { channel: ChannelEntry }) {
  const t = useTranslations("conversation");
  const [busy, setBusy] = useState(false);
  const muted = channel.muted === true;
  return (
    <button
      type="button"
      className="icon-button mute-button"
      aria-pressed={muted}
      disabled={busy}
      title={muted ? t("mutedTitle") : t("muteTitle")}
      onClick={async () => {
        setBusy(true);
        await muteChannel(channel.id, !muted).catch(() => {});
        setBusy(false);
      }}
    >
      {muted ? t("unmute") : t("mute")}
    </button>
  );
}
