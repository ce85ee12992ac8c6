// What a device keeps between connections: per channel the highest contiguous seq it holds (its
// sync cursor), its messages, and the outbox of messages not yet acknowledged. In memory for now;
// an IndexedDB implementation of the same interface makes them survive reloads and go offline.
import type { Message } from "@/lib/contract/models";

export interface OutboxItem {
  clientMsgId: string;
  channelId: string;
  body: string;
  createdAt: string;
  state: "sending" | "failed";
  error?: string;
}

export interface ChatLocalStore {
  loadCursors(): Promise<Record<string, number>>;
  saveCursor(channelId: string, seq: number): Promise<void>;
  /** Messages of one channel held on the device, ascending by seq (the latest `limit`). */
  loadMessages(channelId: string, limit: number): Promise<Message[]>;
  saveMessages(messages: readonly Message[]): Promise<void>;
  loadOutbox(): Promise<OutboxItem[]>;
  putOutbox(item: OutboxItem): Promise<void>;
  deleteOutbox(clientMsgId: string): Promise<void>;
  /** Forget everything (log-out). */
  clear(): Promise<void>;
}

export function createMemoryLocalStore(): ChatLocalStore {
  const cursors = new Map<string, number>();
  const messages = new Map<string, Map<number, Message>>();
  const outbox = new Map<string, OutboxItem>();
  return {
    async loadCursors() {
      return Object.fromEntries(cursors);
    },
    async saveCursor(channelId, seq) {
      cursors.set(channelId, seq);
    },
    async loadMessages(channelId, limit) {
      const held = [...(messages.get(channelId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
      return held.slice(-limit);
    },
    async saveMessages(list) {
      for (const m of list) {
        let ch = messages.get(m.channelId);
        if (!ch) messages.set(m.channelId, (ch = new Map()));
        ch.set(m.seq, m);
      }
    },
    async loadOutbox() {
      return [...outbox.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async putOutbox(item) {
      outbox.set(item.clientMsgId, item);
    },
    async deleteOutbox(clientMsgId) {
      outbox.delete(clientMsgId);
    },
    async clear() {
      cursors.clear();
      messages.clear();
      outbox.clear();
    },
  };
}
