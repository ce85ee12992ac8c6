// A client of separately started server processes (tests/support/app-process.ts), as the cluster
// tests use them: HTTP calls against a node's URL, users with a bearer token, and devices opened
// on a node, each kept in `devices` so that the test can close them all.
import { randomBytes } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contract/events";

export type Device = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function post(base: string, p: string, body: unknown, token?: string) {
  const r = await fetch(base + p, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
}

/** Signs a user up on `base` and takes a bearer token for them. */
export async function user(base: string, name: string) {
  const email = `${name}.${randomBytes(3).toString("hex")}@cluster.test`;
  const u = await post(base, "/api/users", { email, name, password: "password1" });
  const t = await post(base, "/api/tokens", { email, password: "password1" });
  return { id: u.body.user.id as string, token: t.body.token as string };
}

/** Opens a websocket device on `url`; resolves once connected (no automatic reconnection). */
export function connectTo(devices: Device[], url: string, token: string): Promise<Device> {
  return new Promise<Device>((resolve, reject) => {
    const s: Device = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    devices.push(s);
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}
