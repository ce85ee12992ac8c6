// Per-channel mute and the notification preview setting, through the HTTP API.
import { api } from "./api";
import { setChannelMuted } from "./store";

export async function muteChannel(channelId: string, muted: boolean): Promise<void> {
  await api("PUT /api/channels/:id/mute", { params: { id: channelId }, body: { muted } });
  setChannelMuted(channelId, muted);
}

/** Whether push notifications show the message's text; returns the setting as the server now has it. */
export async function setNotificationPreviews(on: boolean): Promise<boolean> {
  const { user } = await api("PATCH /api/me", { body: { notificationPreviews: on } });
  return user.notificationPreviews;
}

export async function myNotificationPreviews(): Promise<boolean> {
  const { user } = await api("GET /api/me");
  return user.notificationPreviews;
}

const RECEIPTS_KEY = "chat-read-receipts";

/**
 * Whether the user sends read receipts, as this browser last set or saw it: the first guess while
 * GET /api/me is on its way (myReadReceipts).
 */
export function knownReadReceipts(): boolean {
  try {
    return localStorage.getItem(RECEIPTS_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Turns sending read receipts on or off; returns the setting as the server now has it. */
export async function setReadReceipts(on: boolean): Promise<boolean> {
  const { user } = await api("PATCH /api/me", { body: { readReceipts: on } });
  try {
    localStorage.setItem(RECEIPTS_KEY, user.readReceipts ? "on" : "off");
  } catch {
    // Not remembered: the checkbox shows "on" next time.
  }
  return user.readReceipts;
}

/** The setting as the server has it (set on another device, perhaps); remembered as the next guess. */
export async function myReadReceipts(): Promise<boolean> {
  const { user } = await api("GET /api/me");
  try {
    localStorage.setItem(RECEIPTS_KEY, user.readReceipts ? "on" : "off");
  } catch {
    // Not remembered: the next guess is "on".
  }
  return user.readReceipts;
}
