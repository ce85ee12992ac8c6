import type { Message } from "../../lib/contract/models";

export interface MessageRow {
  channelId: string;
  seq: number;
  senderId: string;
  body: string;
  clientMsgId: string;
  createdAt: Date;
}

export function toMessage(r: MessageRow): Message {
  return {
    channelId: r.channelId,
    seq: Number(r.seq),
    senderId: r.senderId,
    body: r.body,
    clientMsgId: r.clientMsgId,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
