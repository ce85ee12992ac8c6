// "The events a change publishes, applied to the old state, equal a fresh fetch" (Zulip's
// verify_action). The state is what a device holds; events are applied with the web client's own
// pure transitions (app/_client/arrival-transitions.ts), so the test also checks that the client
// and the server agree on what each event means.
import {
  withChannel,
  withChannelViews,
  withMessages,
  withUnread,
} from "../../../app/_client/arrival-transitions";
import { type ChatState, initialChatState } from "../../../app/_client/store";
import type { Message } from "../../../lib/contract/models";
import { listChannels } from "../../../server/channels/list-channels";
import type { Db } from "../../../server/db/types";
import { getHistory } from "../../../server/messages/get-history";
import type { Delivered } from "./event-log";

/** The part of a device's state the server is the source of, in a comparable form. */
export interface DeviceView {
  channels: Record<string, { kind: string; name: string | null; memberIds: string[]; lastSeq: number; lastReadSeq: number; unread: number }>;
  messages: Record<string, Message[]>;
}

/** What a device that just loaded everything holds: the channel list and every message. */
export async function freshState(db: Db, userId: string): Promise<ChatState> {
  let s = emptyState(userId);
  const views = await listChannels(db, userId);
  s = { ...s, ...withChannelViews(s, views, true) };
  for (const v of views) {
    const messages = await allMessages(db, userId, v.id);
    s = { ...s, ...withMessages(s, messages) };
    // A fresh load knows the server's read state; arriving messages must not have moved it.
    s.channels[v.id] = withUnread({ ...s.channels[v.id]!, lastReadSeq: v.lastReadSeq });
  }
  return s;
}

/** Applies what a device of `userId` received, in order, as the web client does. */
export function applyEvents(state: ChatState, events: readonly Delivered[]): ChatState {
  let s = state;
  const meId = s.me!.id;
  for (const { event, payload } of events) {
    // message:update carries the whole message as it is now: the same transition, the higher version winning.
    if (event === "message" || event === "message:update") s = { ...s, ...withMessages(s, [payload as Message]) };
    else if (event === "channel") s = { ...s, ...withChannel(s, payload as Parameters<typeof withChannel>[1]) };
    else if (event === "read") {
      const r = payload as { channelId: string; userId: string; seq: number };
      const ch = s.channels[r.channelId];
      if (r.userId === meId && ch) {
        s = { ...s, channels: { ...s.channels, [r.channelId]: withUnread({ ...ch, lastReadSeq: Math.max(ch.lastReadSeq, r.seq) }) } };
      }
    }
    // typing and presence carry no stored state.
  }
  return s;
}

export function view(s: ChatState): DeviceView {
  const channels: DeviceView["channels"] = {};
  for (const [id, c] of Object.entries(s.channels)) {
    channels[id] = {
      kind: c.kind,
      name: c.name,
      memberIds: [...c.memberIds].sort(),
      lastSeq: c.lastSeq,
      lastReadSeq: c.lastReadSeq,
      unread: c.unread,
    };
  }
  const messages: DeviceView["messages"] = {};
  for (const [id, list] of Object.entries(s.messages)) if (channels[id] && list.length) messages[id] = list;
  return { channels, messages };
}

async function allMessages(db: Db, userId: string, channelId: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const page = await getHistory(db, userId, channelId, { after: out.at(-1)?.seq ?? 0, limit: 200 });
    out.push(...page);
    if (page.length < 200) return out;
  }
}

function emptyState(userId: string): ChatState {
  return { ...initialChatState(), me: { id: userId, name: "" }, status: "connected" };
}
