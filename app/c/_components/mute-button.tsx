"use client";
import { useState } from "react";
import { muteChannel } from "@/app/_client/notification-settings";
import type { ChannelEntry } from "@/app/_client/store";

/** Mutes push notifications from this conversation (mentions still notify). */
export function MuteButton({ channel }: { channel: ChannelEntry }) {
  const [busy, setBusy] = useState(false);
  const muted = channel.muted === true;
  return (
    <button
      type="button"
      className="icon-button mute-button"
      aria-pressed={muted}
      disabled={busy}
      title={muted ? "Notifications muted (mentions still notify)" : "Mute notifications"}
      onClick={async () => {
        setBusy(true);
        await muteChannel(channel.id, !muted).catch(() => {});
        setBusy(false);
      }}
    >
      {muted ? "Unmute" : "Mute"}
    </button>
  );
}
