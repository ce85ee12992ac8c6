// Who is typing where. A `typing` event shows its sender as typing for a few seconds; another
// one renews that, and a message from them ends it (store.applyMessages).
import { setTyping } from "./store";

/** How long a `typing` event counts: senders repeat it every few seconds while typing. */
const SHOWN_MS = 5_000;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

export function noteTyping(channelId: string, userId: string): void {
  const key = `${channelId}\u0000${userId}`;
  const old = timers.get(key);
  if (old) clearTimeout(old);
  setTyping(channelId, userId, true);
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      setTyping(channelId, userId, false);
    }, SHOWN_MS),
  );
}

export function forgetTyping(): void {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
}
