// Typing, both ways. Out: while the user types, a `typing` at most every few seconds per channel.
// In: a `typing` event shows its sender as typing for a few seconds; another one renews that, and
// a message from them ends it (arrival-transitions withMessages).
import { connectedSocket, currentSession } from "./chat-session";
import { setTyping } from "./store";

/** How long a `typing` event counts: senders repeat it every few seconds while typing. */
const SHOWN_MS = 5_000;
/** At most one `typing` per channel in this time while the user types. */
const TYPING_EVERY_MS = 3_000;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

/** The user is typing in the channel: told to its other members, at most every few seconds. */
export function sendTyping(channelId: string): void {
  const s = currentSession();
  const socket = connectedSocket(s);
  if (!s || !socket) return;
  const now = Date.now();
  if (now - (s.typingSentAt.get(channelId) ?? 0) < TYPING_EVERY_MS) return;
  s.typingSentAt.set(channelId, now);
  // Volatile: a typing notice that cannot go now is worthless later.
  socket.volatile.emit("typing", { channelId }, () => {});
}

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
