// Presence: this device's heartbeat (which keeps the user's "last seen" current) and following the
// presence of people the server does not push to us (members shown of a large group).
import { LIMITS } from "@/lib/contract/limits";
import { ACK_TIMEOUT_MS, type ChatSocket, connectedSocket, currentSession, type Session } from "./chat-session";
import { applyPresence } from "./store";

const HEARTBEAT_MS = 25_000;

/** On connect: a heartbeat every HEARTBEAT_MS while this socket stays connected. */
export function startHeartbeat(s: Session, socket: ChatSocket): void {
  stopHeartbeat(s);
  s.heartbeat = setInterval(() => {
    // A hidden app stays connected without making the user look active (last seen).
    const active = typeof document === "undefined" || document.visibilityState !== "hidden";
    if (socket.connected) socket.timeout(HEARTBEAT_MS).emit("heartbeat", { active }, () => {});
  }, HEARTBEAT_MS);
}

export function stopHeartbeat(s: Session): void {
  if (s.heartbeat) clearInterval(s.heartbeat);
  s.heartbeat = null;
}

/** Follows the presence of these people (the members shown of a large group, where it is not pushed). */
export async function subscribePresence(userIds: readonly string[]): Promise<void> {
  const socket = connectedSocket(currentSession());
  if (!socket || userIds.length === 0) return;
  const res = await socket
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck("presence:subscribe", { userIds: userIds.slice(0, LIMITS.presenceSubscribeMax) })
    .catch(() => null);
  if (res?.ok) for (const p of res.presence) applyPresence(p);
}
