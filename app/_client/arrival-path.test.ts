// The one path for arriving messages: live events, send acks and gap fetches all move the sync
// cursor and reach IndexedDB, because nothing else can change the store's messages.
import "fake-indexeddb/auto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ServerToClientEvents } from "@/lib/contract/events";
import type { Channel, Message } from "@/lib/contract/models";
import { type ChatSocket, newSession, type Session, stopSession } from "./chat-session";
import { deviceWritesDone, openDevice, syncCursors, takeChannel } from "./device-state";
import { deleteDeviceDatabase, openIndexedDbStore } from "./indexeddb-store";
import { listenToLiveEvents } from "./live-events";
import { sendMessage } from "./outbox";
import { ensureUsers } from "./people";
import { resetClientState } from "./reset-client-state";
import * as store from "./store";
import { chatStore } from "./store";

const ME = { id: "me", name: "Me" };
let dbUser = "";
let session: Session | null = null;
/** What the stubbed HTTP API answers for a path. */
let answer: (url: string) => Promise<unknown> = async () => ({ users: [] });

beforeEach(() => {
  vi.stubGlobal("fetch", async (url: string) => new Response(JSON.stringify(await answer(url)), { headers: { "content-type": "application/json" } }));
  dbUser = `u-${Math.random().toString(36).slice(2)}`;
  answer = async () => ({ users: [] });
});

afterEach(async () => {
  if (session) stopSession(session);
  session = null;
  resetClientState(null);
  await deleteDeviceDatabase(dbUser);
  vi.unstubAllGlobals();
});

const msg = (channelId: string, seq: number, senderId = "s", clientMsgId = `${senderId}-${seq}`): Message => ({
  channelId,
  seq,
  senderId,
  body: `#${seq}`,
  clientMsgId,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  replyTo: null, editedAt: null, deletedAt: null, reactions: [], attachments: [], version: seq,
});
const channel = (id: string): Channel => ({ id, kind: "group", name: id, memberIds: ["me", "s"], lastSeq: 0, version: 0, createdAt: "2026-01-01T00:00:00.000Z" });

type Handler = (...args: unknown[]) => void;

/** A connected socket that answers message:send with the stored message, and lets a test push events. */
function fakeSocket() {
  const handlers = new Map<string, Handler>();
  let seq = 0;
  const emit = (event: string, payload: { channelId: string; clientMsgId: string }, ack: Handler) => {
    if (event === "message:send") ack(null, { ok: true, message: msg(payload.channelId, ++seq, ME.id, payload.clientMsgId) });
  };
  const socket = {
    connected: true,
    disconnect: () => {},
    on: (event: string, h: Handler) => handlers.set(event, h),
    timeout: () => ({ emit }),
  };
  const push = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => handlers.get(event)?.(...args);
  return { socket: socket as unknown as ChatSocket, push };
}

async function start(): Promise<ReturnType<typeof fakeSocket>> {
  resetClientState(ME);
  session = newSession(ME);
  await openDevice(await openIndexedDbStore(dbUser));
  const fake = fakeSocket();
  session.socket = fake.socket;
  listenToLiveEvents(session, fake.socket);
  takeChannel(channel("c"));
  return fake;
}

async function stored() {
  await deviceWritesDone();
  const db = await openIndexedDbStore(dbUser);
  const snap = await db.load();
  const held = (await db.loadMessages("c", { limit: 1000 })).map((m) => m.seq);
  db.close();
  return { held, cursor: snap.cursors.find((c) => c.channelId === "c")?.seq, outbox: snap.outbox };
}

describe("every arriving message takes one path", () => {
  it("a send ack moves the cursor, is stored and leaves the outbox", async () => {
    await start();
    expect(sendMessage("c", "hello")).toBeNull();
    expect(chatStore.getState().pending.c).toEqual([]);
    expect(chatStore.getState().messages.c?.map((m) => m.body)).toEqual(["#1"]);
    expect(syncCursors()).toEqual({ c: 1 });
    expect(await stored()).toEqual({ held: [1], cursor: 1, outbox: [] });
  });

  it("a live message after a gap is stored, and the gap is fetched through the same path", async () => {
    const { push } = await start();
    answer = async (url) => (url.includes("/messages?") ? { messages: [msg("c", 2), msg("c", 3)] } : { users: [] });
    push("message", msg("c", 1));
    push("message", msg("c", 4));
    await vi.waitFor(() => expect(syncCursors()).toEqual({ c: 4 }));
    expect(chatStore.getState().messages.c?.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(await stored()).toMatchObject({ held: [1, 2, 3, 4], cursor: 4 });
  });

  it("the store offers no way to change messages, channels or pending around device-state", () => {
    for (const raw of ["applyMessages", "applyChannelViews", "hydrateChannels", "applyChannel", "removeChannel", "putPending", "dropPending"]) {
      expect(store).not.toHaveProperty(raw);
    }
    expect(chatStore).not.toHaveProperty("setState");
    const root = path.resolve(import.meta.dirname, "..");
    const sources = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
      .map((f) => ({ f: f.split(path.sep).join("/"), text: readFileSync(path.join(root, f), "utf8") }));
    const using = (pattern: RegExp) => sources.filter((s) => pattern.test(s.text)).map((s) => s.f).sort();
    expect(using(/\bapplyArrival\(/)).toEqual(["_client/device-state.ts", "_client/store.ts"]);
    expect(using(/from "\.\/arrival-transitions"/)).toEqual(["_client/device-state.ts", "_client/store.ts"]);
    // uploads.ts and push-toggle.ts write only their own stores (files being uploaded, this
    // device's push state), never the chat state.
    expect(using(/\.setState\b/)).toEqual(["_client/push-toggle.ts", "_client/store.ts", "_client/uploads.ts"]);
    for (const own of ["_client/uploads.ts", "_client/push-toggle.ts"]) {
      expect(readFileSync(path.join(root, own), "utf8")).not.toMatch(/chatStore\.setState|from "\.\/store" with/);
    }
  });
});

describe("client state is reset with the session", () => {
  it("names asked for in one session are not put into the next one", async () => {
    let release: (v: unknown) => void = () => {};
    answer = () => new Promise((r) => (release = r));
    resetClientState(ME);
    ensureUsers(["x"]);
    await vi.waitFor(() => expect(release).not.toBe(undefined));
    await new Promise((r) => setTimeout(r, 5));
    resetClientState({ id: "other", name: "Other" });
    release({ users: [{ id: "x", name: "X of the first session" }] });
    await new Promise((r) => setTimeout(r, 5));
    expect(chatStore.getState().users).toEqual({ other: { id: "other", name: "Other" } });
    // Asked again in this session, the name is fetched again (it was not left marked as in flight).
    answer = async () => ({ users: [{ id: "x", name: "X" }] });
    ensureUsers(["x"]);
    await vi.waitFor(() => expect(chatStore.getState().users.x?.name).toBe("X"));
  });
});
