// What the server pushes while connected: messages, channel changes, reads, presence, typing,
// people's names and pictures.
// Messages and channels go through device-state like every other arrival (cursors, device store).
import { fillGap, listChannels, syncUntilCurrent } from "./catch-up";
import { type ChatSocket, later, type Session } from "./chat-session";
import { behind, gapOf, takeChannel, takeMessages } from "./device-state";
import { takeRead } from "./read-marks";
import { noteLiveMention } from "./search";
import { applyPresence, chatStore, putUsers } from "./store";
import { noteTyping } from "./typing";

export function listenToLiveEvents(s: Session, socket: ChatSocket): void {
  socket.on("message", (m) => {
    if (!chatStore.getState().channels[m.channelId]) refreshChannelsSoon(s);
    takeMessages([m]);
    noteLiveMention(m);
    // A seq after a gap: the ones between were missed (a sync in progress brings them itself).
    if (!s.syncing && gapOf(m.channelId)) void fillGap(s, m.channelId);
  });
  // An edit, a delete or a reaction: the whole message as it is now (the higher version wins).
  socket.on("message:update", (m) => {
    if (!chatStore.getState().channels[m.channelId]) return;
    takeMessages([m]);
    if (!s.syncing && gapOf(m.channelId)) void fillGap(s, m.channelId);
  });
  socket.on("channel", (c) => {
    takeChannel(c);
    // Added to a conversation that already has messages: fetch them (see SYNC_WHOLE_UP_TO).
    if (behind(c.id)) void syncUntilCurrent(s);
  });
  socket.on("read", (r) => takeRead(s, r));
  socket.on("presence", (p) => applyPresence(p));
  // Someone shown here changed their name or picture (or the user did, on another device).
  socket.on("user:update", (u) => putUsers([u]));
  socket.on("typing", (t) => {
    if (t.userId !== s.me.id) noteTyping(t.channelId, t.userId);
  });
}

/** A message for a channel not listed yet (added meanwhile): list and sync once for a burst of them. */
function refreshChannelsSoon(s: Session): void {
  if (s.refreshQueued) return;
  s.refreshQueued = true;
  later(
    s,
    () => {
      s.refreshQueued = false;
      void listChannels(s).then(() => syncUntilCurrent(s));
    },
    300,
  );
}
