// Starts the real app (Next.js + Socket.IO, production build) on an ephemeral port against a
// database of its own, and offers small API helpers the tests share.
import fs from "node:fs";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contract/events";
import { loadConfig } from "../../server/config";
import { type RunningApp, type StartOptions, startApp } from "../../server/app";
import { createLogger } from "../../server/log";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { tempDataDir } from "./temp-dir";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: RunningApp;
  url: string;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<TestServer> {
  const db: TestDatabase = await createTestDatabase();
  const dataDir = tempDataDir("chat-test-");
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    // Every test user signs up from 127.0.0.1; tests of the limit set their own.
    SIGNUP_MAX_PER_IP: "100000",
    ...env,
  });
  const app = await startApp(config, createLogger(config.LOG_LEVEL), opts);
  return {
    app,
    url: app.url,
    async stop() {
      await app.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestUser {
  id: string;
  name: string;
  email: string;
  token: string;
}

let counter = 0;

export async function api(
  srv: TestServer,
  method: string,
  p: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(opts.body);
  }
  const res = await fetch(srv.url + p, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

export async function signUp(srv: TestServer, name = `User${++counter}`): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W/g, "")}.${process.pid}.${++counter}@example.test`;
  const password = "correct horse battery";
  const created = await api(srv, "POST", "/api/users", { body: { email, name, password } });
  if (created.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(created.body)}`);
  const tok = await api(srv, "POST", "/api/tokens", { body: { email, password } });
  if (tok.status !== 200) throw new Error(`token failed: ${JSON.stringify(tok.body)}`);
  return { id: created.body.user.id, name, email, token: tok.body.token };
}

const sockets: ClientSocket[] = [];

/** A connected device of the user (resolves on `connect`). */
export function connectDevice(srv: TestServer, auth: { token?: string; cookie?: string }): Promise<ClientSocket> {
  const s: ClientSocket = io(srv.url, {
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : undefined,
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", (err) => reject(err));
  });
}

export function closeAllDevices() {
  for (const s of sockets.splice(0)) s.disconnect();
}

/** Collects every event of one name a device receives. */
export function record<E extends keyof ServerToClientEvents>(s: ClientSocket, event: E) {
  const got: Parameters<ServerToClientEvents[E]>[0][] = [];
  (s as unknown as { on(e: string, l: (x: never) => void): void }).on(event, (x) => got.push(x));
  return got;
}

export async function waitFor(cond: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Emits with an ack, as a real client does. */
export function call<E extends keyof ClientToServerEvents>(
  s: ClientSocket,
  event: E,
  payload: unknown,
): Promise<any> {
  return (s as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> } })
    .timeout(10_000)
    .emitWithAck(event, payload);
}
