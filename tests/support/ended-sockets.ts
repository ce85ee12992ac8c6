// Checks that a credential's sockets end with it (PROTOCOL.md "Part two › Sessions"): the server
// closes them within 2 s of the HTTP answer, and a reconnect with the credential is refused.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contract/events";
import type { Message } from "../../lib/contract/models";

type Device = Socket<ServerToClientEvents, ClientToServerEvents>;
export interface Auth {
  token?: string;
  cookie?: string;
}

const opened: Device[] = [];

/** A device on the server at `url` (resolves on `connect`, rejects on `connect_error`). */
export function openDevice(url: string, auth: Auth): Promise<Device> {
  const s: Device = io(url, {
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : undefined,
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  opened.push(s);
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", (err) => reject(err));
  });
}

export function closeDevices() {
  for (const s of opened.splice(0)) s.disconnect();
}

/** Follows one device: when the server closed it, and which messages it got. */
export function watch(s: Device) {
  const messages: Message[] = [];
  let closedAt: number | null = null;
  let reason: string | null = null;
  s.on("message", (m) => messages.push(m));
  s.on("disconnect", (r) => {
    closedAt = Date.now();
    reason = r;
  });
  return {
    messages,
    get closedAt() {
      return closedAt;
    },
    get reason() {
      return reason;
    },
    get connected() {
      return s.connected;
    },
  };
}
export type Watched = ReturnType<typeof watch>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 2 s after `answeredAt`, the HTTP answer) for the server to close the device. */
export async function expectClosedWithin2s(w: Watched, answeredAt: number): Promise<void> {
  while (w.closedAt === null && Date.now() - answeredAt < 2000) await sleep(10);
  if (w.closedAt === null) throw new Error("the socket of the ended credential is still open 2 s after the answer");
  if (w.reason !== "io server disconnect") throw new Error(`closed by ${w.reason}, not by the server`);
  if (w.closedAt - answeredAt > 2000) throw new Error(`closed ${w.closedAt - answeredAt} ms after the answer`);
}

/** A new handshake with the credential is refused as `unauthenticated`. */
export async function expectRefused(url: string, auth: Auth): Promise<void> {
  const err = await openDevice(url, auth).then(
    () => null,
    (e: Error) => e,
  );
  if (!err) throw new Error("a reconnect with the ended credential was accepted");
  if (err.message !== "unauthenticated") throw new Error(`refused with ${err.message}, not unauthenticated`);
}
