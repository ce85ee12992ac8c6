// How a stored message reaches devices: through the ordering gate of every node (message-gate.ts).
// The storing node offers it to its own gate and hands it to every other node with
// io.serverSideEmit (the adapter's stream); each node then emits to its LOCAL sockets only. A
// plain room broadcast cannot be ordered: it goes from the adapter straight to the sockets.
// One node (no adapter): its writer already publishes each channel in seq order, so the gate only
// drops repeats and never reads the database.
import type { Message } from "../../lib/contract/models";
import type { Db } from "../db/types";
import { channelRoom } from "../events/publisher";
import type { Logger } from "../log";
import { messageSelect, toMessages } from "../messages/message-dto";
import { createMessageGate, type MessageGate } from "./message-gate";
import type { ChatIo } from "./types";

export interface MessageDelivery {
  deliver(message: Message): void;
  gate: MessageGate;
}

export function createMessageDelivery(io: ChatIo, deps: { db: Db; log: Logger; clustered: boolean }): MessageDelivery {
  const { db, log, clustered } = deps;
  const gate = createMessageGate({
    log,
    emit: (m) => io.local.to(channelRoom(m.channelId)).emit("message", m),
    fetchBetween: clustered
      ? async (channelId, after, before) =>
          // As they are now (an edit since then shows; its message:update follows anyway).
          toMessages(
            db,
            await db.message.findMany({
              where: { channelId, seq: { gt: after, lt: before } },
              orderBy: { seq: "asc" },
              select: messageSelect,
            }),
          )
      : undefined,
  });
  if (clustered) io.of("/").on("message:stored", (m) => gate.offer(m));
  return {
    gate,
    deliver(m) {
      gate.offer(m);
      if (clustered) io.serverSideEmit("message:stored", m);
    },
  };
}
