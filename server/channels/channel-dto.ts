import type { Channel, ChannelView } from "../../lib/contract/models";

interface ChannelRow {
  id: string;
  kind: "direct" | "group";
  name: string | null;
  lastSeq: number;
  version: number;
  lastMessageAt: Date;
  createdAt: Date;
}

export type ChannelWithActivity = Channel & { lastMessageAt: string };
export type ChannelViewWithActivity = ChannelView & { lastMessageAt: string };

export function toChannel(c: ChannelRow, memberIds: string[]): ChannelWithActivity {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    memberIds,
    lastSeq: c.lastSeq,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    lastMessageAt: c.lastMessageAt.toISOString(),
  };
}

export function toChannelView(c: ChannelRow, memberIds: string[], lastReadSeq: number): ChannelViewWithActivity {
  const read = Math.min(lastReadSeq, c.lastSeq);
  return { ...toChannel(c, memberIds), lastReadSeq: read, unread: c.lastSeq - read };
}
