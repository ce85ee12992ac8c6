// Times client events from arrival to ack, at the transport: a Socket.IO middleware wraps the
// ack callback the client sent, so handlers (with-ack.ts) stay as they are.
import type { ChatSocket } from "../realtime/types";
import type { Metrics } from "./metrics";

const timed = new Set(["message:send", "sync"]);

export function timeAcks(socket: ChatSocket, metrics: Metrics): void {
  socket.use((packet, next) => {
    const event = packet[0];
    const last = packet.length - 1;
    const ack = packet[last];
    if (timed.has(event) && last > 0 && typeof ack === "function") {
      const start = performance.now();
      packet[last] = (answer: { ok?: boolean } | undefined) => {
        metrics.eventAnswered(event, (performance.now() - start) / 1000, answer?.ok !== false);
        (ack as (a: unknown) => void)(answer);
      };
    }
    next();
  });
}
