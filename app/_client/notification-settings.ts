// Per-channel mute and the notification preview setting, through the HTTP API.
import { apiPatch, apiPut } from "./api";
import { setChannelMuted } from "./store";

export async function muteChannel(channelId: string, muted: boolean): Promise<void> {
  await apiPut(`/api/channels/${encodeURIComponent(channelId)}/mute`, { muted });
  setChannelMuted(channelId, muted);
}

export async function setNotificationPreviews(on: boolean): Promise<void> {
  await apiPatch("/api/me", { notificationPreviews: on });
}
