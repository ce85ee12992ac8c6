// The message a reply quotes, when it is not among those loaded: read from the device if it holds
// it, else fetched (GET .../messages?around=SEQ&limit=1), and kept like any other message (it
// then stays current through message:update and sync).
import type { Message } from "@/lib/contract/models";
import { api } from "./api";
import { localStore, showHeldMessages, takeMessages } from "./device-state";
import { chatStore } from "./store";

const asked = new Set<string>();

export function forgetQuoted(): void {
  asked.clear();
}

export function findMessage(channelId: string, seq: number): Message | undefined {
  return findIn(chatStore.getState().messages[channelId], seq);
}

/** Message `seq` in a list sorted by seq. */
export function findIn(list: readonly Message[] | undefined, seq: number): Message | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!.seq;
    if (s === seq) return list[mid];
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Makes sure the store holds message `seq` of a channel (once per page load, unless it failed). */
export async function ensureMessage(channelId: string, seq: number): Promise<void> {
  const key = `${channelId}:${seq}`;
  if (asked.has(key) || findMessage(channelId, seq)) return;
  asked.add(key);
  try {
    const held = await localStore().loadMessages(channelId, { limit: 1, before: seq + 1 });
    if (held[0]?.seq === seq) {
      showHeldMessages(held);
      return;
    }
    const { messages } = await api("GET /api/channels/:id/messages", { params: { id: channelId }, query: { around: seq, limit: 1 } });
    takeMessages(messages.filter((m) => m.seq === seq));
  } catch {
    // Offline: asked again when the quote is shown next.
    asked.delete(key);
  }
}
