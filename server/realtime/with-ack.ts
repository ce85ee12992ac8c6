// Every client-to-server event answers through its ack: {ok: true, ...} or {ok: false, error}.
// Unexpected errors are logged and answered as `internal`, never leaked.
import type { Ack } from "../../lib/contract/errors";
import { toErrorBody } from "../errors";
import type { Logger } from "../log";
import type { ChatSocket } from "./types";

type Run = (payload: unknown) => Promise<object | void>;

export function onEvent(socket: ChatSocket, log: Logger, event: string, run: Run): void {
  // Registered untyped: the payload is whatever the client sent, parsed by the domain's schema.
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (...args) => {
    // emit(event, ack) with no payload puts the callback first.
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (a: Ack) => void) : undefined;
    const payload = args[0];
    run(payload).then(
      (result) => ack?.({ ok: true, ...(result ?? {}) }),
      (err: unknown) => {
        const { status: _s, ...error } = toErrorBody(err, (e) =>
          log.error({ err: e, event, userId: socket.data.userId }, "socket event failed"),
        );
        ack?.({ ok: false, error });
      },
    );
  });
}
