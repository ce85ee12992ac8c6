// Every client-to-server event answers through its ack: {ok: true, ...} or {ok: false, error}.
// The payload is parsed here, once, with the event's schema from the contract; handlers get typed
// input and must answer the event's ack type. Unexpected errors are logged and answered as
// `internal`, never leaked.
import { type ClientEventInput, clientEventSchemas } from "../../lib/contract/event-schemas";
import type { Ack } from "../../lib/contract/errors";
import type { ClientEventName, ClientEventResult } from "../../lib/contract/events";
import { toErrorBody } from "../errors";
import type { Logger } from "../log";
import { parseInput } from "../parse-input";
import type { ConnectionBudget } from "./event-budgets";
import type { ChatSocket } from "./types";

export type EventHandler<E extends ClientEventName> = (input: ClientEventInput<E>) => Promise<ClientEventResult<E>>;
/** One handler per event of the contract: a new event without one does not compile. */
export type EventHandlers = { [E in ClientEventName]: EventHandler<E> };

/** `budget`: the connection's event budgets (event-budgets.ts), checked before anything else. */
export function onEvents(socket: ChatSocket, log: Logger, handlers: EventHandlers, budget?: ConnectionBudget): void {
  const register = <E extends ClientEventName>(event: E) => onEvent(socket, log, event, handlers[event], budget);
  for (const event of Object.keys(handlers) as ClientEventName[]) register(event);
  // An event the contract does not know still gets its answer, rather than a client waiting
  // on an ack that never comes.
  const known = new Set<string>(Object.keys(handlers));
  socket.onAny((event: string, ...args: unknown[]) => {
    if (known.has(event)) return;
    const ack = args.at(-1);
    if (typeof ack === "function") {
      const answer: Ack = { ok: false, error: { code: "invalid", message: `unknown event ${JSON.stringify(String(event).slice(0, 100))}` } };
      (ack as (a: Ack) => void)(answer);
    }
  });
}

export function onEvent<E extends ClientEventName>(
  socket: ChatSocket,
  log: Logger,
  event: E,
  run: EventHandler<E>,
  budget?: ConnectionBudget,
): void {
  // The listener sees what the client really sent, whatever the contract says: anything, or
  // nothing, and maybe no callback.
  const listener = (...args: unknown[]) => {
    // emit(event, ack) with no payload puts the callback first.
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (a: Ack) => void) : undefined;
    const verdict = budget?.take(event) ?? "ok";
    if (verdict !== "ok") {
      // Refused before parsing or running: a flood costs no database work and reaches nobody.
      ack?.({ ok: false, error: { code: "rate_limited", message: `too many ${event} events; slow down` } });
      if (verdict === "abusive") {
        log.warn({ event, userId: socket.data.userId }, "socket disconnected for flooding");
        socket.disconnect(true);
      }
      return;
    }
    const payload = args[0];
    Promise.resolve()
      .then(() => run(parseInput(clientEventSchemas[event], payload)))
      .then(
        (result) => ack?.({ ok: true, ...(result ?? {}) }),
        (err: unknown) => {
          const { status: _s, ...error } = toErrorBody(err, (e) =>
            log.error({ err: e, event, userId: socket.data.userId }, "socket event failed"),
          );
          ack?.({ ok: false, error });
        },
      );
  };
  // Socket.IO's listener type for a generic event name does not resolve: the signature above is
  // what the contract guarantees instead.
  socket.on(event, listener as never);
}
