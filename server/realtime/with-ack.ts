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

export type EventHandler<E extends ClientEventName> = (input: ClientEventInput<E>, socket: ChatSocket) => Promise<ClientEventResult<E>>;
/** One handler per event of the contract: a new event without one does not compile. */
export type EventHandlers = { [E in ClientEventName]: EventHandler<E> };

/**
 * The listeners of every socket, made once per server: each socket gets the same functions (the
 * socket is `this` when Socket.IO calls them), not a closure per event per socket. `budgets`
 * makes each connection's event budget (event-budgets.ts), checked before anything else; it is
 * created on the connection's first event.
 */
export function createEventListeners(log: Logger, handlers: EventHandlers, budgets?: () => ConnectionBudget): (socket: ChatSocket) => void {
  const budgetOf = new WeakMap<ChatSocket, ConnectionBudget>();
  const budget = budgets
    ? (socket: ChatSocket) => {
        let b = budgetOf.get(socket);
        if (!b) budgetOf.set(socket, (b = budgets()));
        return b;
      }
    : undefined;
  const listeners = (Object.keys(handlers) as ClientEventName[]).map((event) => [event, listenerFor(log, event, handlers[event], budget)] as const);
  const known = new Set<string>(Object.keys(handlers));
  // An event the contract does not know still gets its answer, rather than a client waiting
  // on an ack that never comes.
  const unknown = (event: string, ...args: unknown[]) => {
    if (known.has(event)) return;
    const ack = args.at(-1);
    if (typeof ack === "function") {
      const answer: Ack = { ok: false, error: { code: "invalid", message: `unknown event ${JSON.stringify(String(event).slice(0, 100))}` } };
      (ack as (a: Ack) => void)(answer);
    }
  };
  return (socket) => {
    // Socket.IO's listener type for a generic event name does not resolve: the signature of
    // listenerFor is what the contract guarantees instead.
    for (const [event, listener] of listeners) socket.on(event, listener as never);
    socket.onAny(unknown);
  };
}

function listenerFor<E extends ClientEventName>(
  log: Logger,
  event: E,
  run: EventHandler<E>,
  budget?: (socket: ChatSocket) => ConnectionBudget,
) {
  // The listener sees what the client really sent, whatever the contract says: anything, or
  // nothing, and maybe no callback. Socket.IO calls it with the socket as `this`.
  return function (this: ChatSocket, ...args: unknown[]) {
    const socket = this;
    // emit(event, ack) with no payload puts the callback first.
    const ack = typeof args.at(-1) === "function" ? (args.pop() as (a: Ack) => void) : undefined;
    const verdict = budget?.(socket).take(event) ?? "ok";
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
      .then(() => run(parseInput(clientEventSchemas[event], payload), socket))
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
}
