// Read state: the user has seen a channel up to a seq. Marked here at once (the unread count and
// divider follow), and told to the server, which tells the user's other devices.
import { ACK_TIMEOUT_MS, currentSession, type Session } from "./chat-session";
import { applyMemberRead, applyRead, chatStore } from "./store";

/** The user has seen the channel up to `seq`: clears its unread count here and on their other devices. */
export function markRead(channelId: string, seq: number): void {
  const s = currentSession();
  const ch = chatStore.getState().channels[channelId];
  if (!s || !ch || seq <= ch.lastReadSeq) return;
  applyRead(channelId, seq);
  emitRead(s, channelId, seq);
}

/** A `read` event from the server: one of the user's devices (maybe this one), or another member, read up to `seq`. */
export function takeRead(s: Session, r: { userId: string; channelId: string; seq: number }): void {
  if (r.userId === s.me.id) applyRead(r.channelId, r.seq);
  // Anyone's, for read receipts (members who turned receipts off send none).
  applyMemberRead(r.channelId, r.userId, r.seq);
}

/** Reads marked while the socket was down reached only this device: tell the server now (after a sync page). */
export function resendReadsAhead(s: Session, serverViews: readonly { id: string; lastReadSeq: number }[]): void {
  const { channels } = chatStore.getState();
  for (const v of serverViews) {
    const mine = channels[v.id]?.lastReadSeq ?? 0;
    if (mine > v.lastReadSeq) emitRead(s, v.id, mine);
  }
}

function emitRead(s: Session, channelId: string, seq: number): void {
  const socket = s.socket;
  // When offline the mark is kept on the device; the next sync finds the server behind and sends it then.
  if (socket?.connected) socket.timeout(ACK_TIMEOUT_MS).emit("read", { channelId, seq }, () => {});
}
