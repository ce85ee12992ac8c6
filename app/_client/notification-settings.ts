// Per-channel mute and the notification preview setting, through the HTTP API.
import { api } from "./api";
import { setChannelMuted } from "./store";

export async function muteChannel(channelId: string, muted: boolean): Promise<void> {
  await api("PUT /api/channels/:id/mute", { params: { id: channelId }, body: { muted } });
  setChannelMuted(channelId, muted);
}

export async function setNotificationPreviews(on: boolean): Promise<void> {
  await api("PATCH /api/me", { body: { notificationPreviews: on } });
}
