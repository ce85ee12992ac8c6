import type { ShownMessage } from "@/app/_client/pending-changes";
import type { PendingMessage } from "@/app/_client/store";

export interface LogItem {
  /** Stable from pending to confirmed: the row is not rebuilt when its ack comes. */
  key: string;
  seq?: number;
  senderId: string;
  body: string;
  createdAt: string;
  pending?: PendingMessage;
  /** Confirmed: the message as shown (with this device's pending changes applied). */
  message?: ShownMessage;
}

// One item per stored object, so that unchanged rows get the same props and are not rendered again.
const confirmedItems = new WeakMap<ShownMessage, LogItem>();
const pendingItems = new WeakMap<PendingMessage, LogItem>();

export function confirmedItem(m: ShownMessage): LogItem {
  let item = confirmedItems.get(m);
  if (!item) {
    item = { key: `${m.senderId}:${m.clientMsgId}`, seq: m.seq, senderId: m.senderId, body: m.body, createdAt: m.createdAt, message: m };
    confirmedItems.set(m, item);
  }
  return item;
}

export function pendingItem(p: PendingMessage, meId: string): LogItem {
  let item = pendingItems.get(p);
  if (!item || item.senderId !== meId) {
    item = { key: `${meId}:${p.clientMsgId}`, senderId: meId, body: p.body, createdAt: p.createdAt, pending: p };
    pendingItems.set(p, item);
  }
  return item;
}
