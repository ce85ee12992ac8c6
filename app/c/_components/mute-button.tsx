"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { muteChannel } from "@/app/_client/notification-settings";
import type { ChannelEntry } from "@/app/_client/store";

/**
 * Mutes push notifications from this conversation (mentions still notify): a toggle button. Its
 * name stays "Mute" and aria-pressed says whether it is on (a name that flipped to "Unmute" would
 * contradict the pressed state); the crossed-out bell and the filled look show it to the eye.
 */
export function MuteButton({ channel }: { channel: ChannelEntry }) {
  const t = useTranslations("conversation");
  const [busy, setBusy] = useState(false);
  const muted = channel.muted === true;
  return (
    <button
      type="button"
      className="button subtle head-button mute-button"
      aria-pressed={muted}
      aria-busy={busy}
      title={muted ? t("mutedTitle") : t("muteTitle")}
      onClick={async () => {
        if (busy) return;
        setBusy(true);
        await muteChannel(channel.id, !muted).catch(() => {});
        setBusy(false);
      }}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" className="head-button-icon">
        <path
          d="M10 3a4.5 4.5 0 0 0-4.5 4.5v2.8L4 13.5h12l-1.5-3.2V7.5A4.5 4.5 0 0 0 10 3Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
        <path d="M8.2 15.5a1.9 1.9 0 0 0 3.6 0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        {muted && <path d="m3.5 3.5 13 13" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />}
      </svg>
      <span className="head-button-label">{t("mute")}</span>
    </button>
  );
}
