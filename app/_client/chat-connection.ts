// The chat connection, as the UI sees it: the one module components call (DESIGN point 10). It
// starts and ends the session of a signed-in user; the socket itself lives in that session and is
// touched only by the connection's own modules: socket-connection (connect, reconnect, network),
// live-events, catch-up (sync cursors, gap fetches), outbox, read-marks, presence and typing.
import type { User } from "@/lib/contract/models";
import { currentSession, isOffline, newSession, type Session, stopSession } from "./chat-session";
import { deviceWritesDone, openDevice } from "./device-state";
import { deleteDeviceDatabase, indexedDbAvailable, openIndexedDbStore } from "./indexeddb-store";
import { type ChatLocalStore, createMemoryLocalStore } from "./local-store";
import { forgetOfflinePages } from "./offline-cache";
import { resetClientState } from "./reset-client-state";
import { connectSocket } from "./socket-connection";
import { setStatus } from "./store";

export { discardMessage, retryMessage, sendMessage } from "./outbox";
export { subscribePresence } from "./presence";
export { markRead } from "./read-marks";
export { sendTyping } from "./typing";

/** Starts (once per signed-in user) the device store, the connection and the catch-up. */
export function startChat(me: User, store?: ChatLocalStore): void {
  const running = currentSession();
  if (running && running.me.id === me.id && !running.stopped) return;
  if (running) endSession(running);
  const s = newSession(me);
  // Another user may have used this tab: nothing of theirs is kept in memory.
  resetClientState(me);
  setStatus(isOffline() ? "offline" : "connecting");
  void boot(s, store);
}

function endSession(s: Session): void {
  stopSession(s);
  // Synchronously, so that a session started right after is not wiped by this one's end.
  resetClientState(null);
}

/** Log-out: closes the socket and deletes what the device holds for the user. */
export async function stopChat(): Promise<void> {
  const s = currentSession();
  if (!s) return;
  endSession(s);
  // Log-out must not hang on the device's cleanup (a write or a cache call that never settles):
  // what is left is finished by the browser after the page has moved on.
  const cleanup = (async () => {
    await deviceWritesDone();
    await Promise.all([deleteDeviceDatabase(s.me.id), forgetOfflinePages()]);
  })();
  await Promise.race([cleanup, new Promise((r) => setTimeout(r, 4_000))]);
}

async function openStore(userId: string): Promise<ChatLocalStore> {
  if (!indexedDbAvailable()) return createMemoryLocalStore();
  try {
    return await openIndexedDbStore(userId);
  } catch (err) {
    // E.g. storage disabled by the browser: the app works, without surviving a reload.
    console.warn("IndexedDB unavailable; this device will not keep messages:", err);
    return createMemoryLocalStore();
  }
}

async function boot(s: Session, given?: ChatLocalStore): Promise<void> {
  const store = given ?? (await openStore(s.me.id));
  let opened = false;
  try {
    opened = await openDevice(store, () => !s.stopped);
  } catch (err) {
    console.warn("Could not read this device's store:", err);
    opened = await openDevice(createMemoryLocalStore(), () => !s.stopped);
  }
  if (!opened) {
    store.close();
    return;
  }
  await connectSocket(s);
}
