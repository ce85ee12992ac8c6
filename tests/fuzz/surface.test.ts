// The fuzzed surface: every HTTP route of lib/contract/http.ts and every socket event of
// lib/contract/event-schemas.ts (iterated, so a new one is fuzzed without touching this file)
// gets malformed, oversized, wrong-typed, unauthenticated and cross-user input, against one real
// app with two members of a group (Ann owns it, Ben is in it) and an outsider (Xia). Checked:
// every error is PROTOCOL's `{error: {code, message}}` with the status of its code and never
// `internal`; every socket event is acknowledged; refused input changes nothing in the database;
// nothing of the group reaches the outsider; the process stays up. FUZZ_RUNS sets the runs.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../lib/contract/errors";
import { clientEventSchemas } from "../../lib/contract/event-schemas";
import type { ClientEventName } from "../../lib/contract/events";
import { httpRoutes, type RouteKey, splitRouteKey } from "../../lib/contract/http";
import { createApiToken, hashToken } from "../../server/auth/api-tokens";
import { resolveSession } from "../../server/auth/auth-sessions";
import { api, call, type ClientSocket, closeAllDevices, connectDevice, signUp, startTestServer, type TestServer, type TestUser } from "../support/test-server";
import { fieldValue, jsonValue, nastyText, payloadFor, RUNS } from "./fuzz-input";

type Actor = "ann" | "ben" | "xia" | "none" | "garbage";

let srv: TestServer;
let ann: TestUser, ben: TestUser, xia: TestUser;
let groupId: string, directId: string;
const sockets = {} as Record<"ann" | "ben" | "xia", ClientSocket>;
/** Everything the outsider's device receives. */
const outsiderGot: { event: string; args: unknown[] }[] = [];
/** Bodies only the group's members ever saw. */
const secrets: string[] = [];
const counts = new Map<string, number>();
const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
/** Cases that fail for reasons owned elsewhere (HTTP edge): counted and listed, not failed. */
const known = new Map<string, number>();
/** fast-check settings: a hung request fails its run; shrinking (slow over HTTP) only on request. */
const settings = (numRuns: number) => ({ numRuns, timeout: 20_000, endOnFailure: process.env.FUZZ_SHRINK !== "1" });

beforeAll(async () => {
  srv = await startTestServer({ MESSAGE_RATE_LIMIT: "1000000", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "fatal" });
  [ann, ben, xia] = (await Promise.all(["Ann", "Ben", "Xia"].map((n) => signUp(srv, n)))) as [TestUser, TestUser, TestUser];
  groupId = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "group", name: "secret team", memberIds: [ben.id] } })).body.channel.id;
  directId = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "direct", memberIds: [ben.id] } })).body.channel.id;
  sockets.ann = await connectDevice(srv, { token: ann.token });
  sockets.ben = await connectDevice(srv, { token: ben.token });
  sockets.xia = await connectDevice(srv, { token: xia.token });
  sockets.xia.onAny((event: string, ...args: unknown[]) => outsiderGot.push({ event, args }));
  for (const [who, s] of [["ann", sockets.ann], ["ben", sockets.ben]] as const) {
    const body = `secret of ${who} ${randomUUID()}`;
    secrets.push(body);
    expect((await call(s, "message:send", { channelId: groupId, clientMsgId: randomUUID(), body })).ok).toBe(true);
  }
}, 120_000);

afterAll(async () => {
  const http = [...counts].filter(([k]) => k.includes(" /")).reduce((n, [, v]) => n + v, 0);
  const events = [...counts].filter(([k]) => !k.includes(" /")).reduce((n, [, v]) => n + v, 0);
  const routes = Object.keys(httpRoutes).length;
  const eventNames = Object.keys(clientEventSchemas).length;
  console.log(
    `fuzz summary: ${http} HTTP requests over ${routes} routes, ${events} socket events and handshakes over ${eventNames} events ` +
      `(FUZZ_RUNS=${RUNS}); known (owned elsewhere): ${known.size ? [...known].map(([k, n]) => `${k} ×${n}`).join("; ") : "none"}\n` +
      [...counts].map(([k, n]) => `  ${k}: ${n}`).join("\n"),
  );
  closeAllDevices();
  for (const s of Object.values(sockets)) s?.disconnect();
  await srv?.stop();
});

/** The rows refused input must leave alone (not presence or limiter bookkeeping). */
async function snapshot(): Promise<string> {
  const [row] = await srv.app.services.db.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT md5(coalesce(string_agg(id || '|' || email || '|' || name || '|' || "passwordHash" || '|' || "notificationPreviews" || '|' || coalesce("avatarFileId", ''), ',' ORDER BY id), '')) FROM "User") AS users,
      (SELECT md5(coalesce(string_agg(id || '|' || coalesce(name, '') || '|' || "lastSeq", ',' ORDER BY id), '')) FROM "Channel") AS channels,
      (SELECT md5(coalesce(string_agg("channelId" || '|' || "userId" || '|' || role::text || '|' || "lastReadSeq" || '|' || muted, ',' ORDER BY "channelId", "userId"), '')) FROM "Membership") AS memberships,
      (SELECT count(*)::int FROM "Message") AS messages,
      (SELECT count(*)::int FROM "Mention") AS mentions,
      (SELECT md5(coalesce(string_agg(id || '|' || endpoint, ',' ORDER BY id), '')) FROM "PushSubscription") AS subscriptions,
      (SELECT count(*)::int FROM "AuthSession") AS tokens`;
  return JSON.stringify(row);
}

/** After a request that succeeded: keep the fixture as it was (tokens, the group's members). */
async function restore() {
  const { db, publisher } = srv.app.services;
  for (const u of [ann, ben, xia]) {
    if (await resolveSession(db, { tokenHash: hashToken(u.token), kind: "token" }, null)) continue;
    u.token = (await createApiToken(db, u.id, { ttlDays: 1 })).token;
  }
  const outsider = await db.membership.findUnique({ where: { channelId_userId: { channelId: groupId, userId: xia.id } } });
  if (outsider) throw new Error("the outsider became a member of the group");
  for (const [u, role] of [[ann, "owner"], [ben, "member"]] as const) {
    await db.membership.upsert({
      where: { channelId_userId: { channelId: groupId, userId: u.id } },
      create: { channelId: groupId, userId: u.id, role },
      update: { role },
    });
  }
  publisher.joinChannel(groupId, [ann.id, ben.id]);
  // A session-ending call may have closed a device: connect it again.
  for (const [name, u] of [["ann", ann], ["ben", ben], ["xia", xia]] as const) {
    if (sockets[name].connected) continue;
    sockets[name] = await connectDevice(srv, { token: u.token });
    if (name === "xia") sockets.xia.onAny((event: string, ...args: unknown[]) => outsiderGot.push({ event, args }));
  }
}

const tokenOf = (a: Actor) => (a === "ann" ? ann.token : a === "ben" ? ben.token : a === "xia" ? xia.token : a === "garbage" ? "not-a-token" : undefined);
/** Ids an actor may use: the members never name the outsider (that would be a legitimate invite). */
const idsFor = (a: Actor) => (a === "ann" || a === "ben" ? [groupId, directId, ann.id, ben.id, "nope"] : [groupId, directId, ann.id, ben.id, xia.id, "nope"]);

/**
 * A path segment, percent-encoded as UTF-8. A lone surrogate has no UTF-8 form: it goes as the
 * bytes UTF-8's scheme would give it (ill-formed UTF-8, as a hostile client may send).
 */
function encodeSegment(v: string): string {
  return [...v]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
        return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
      }
      return encodeURIComponent(ch);
    })
    .join("");
}

/**
 * Answers of the HTTP edge (server/app.ts, Next's router, Node's parser), which another change
 * owns: counted in the summary and listed, not failed here.
 */
function knownEdgeCase(status: number, path: string): string | null {
  const pathname = path.split("?")[0]!;
  if (status === 308 && (pathname.endsWith("/") || pathname.includes("//"))) return "empty path segment: Next's 308 trailing-slash redirect";
  if (status === 431) return "URL over Node's 16 KB header limit: 431 without a JSON body";
  if (status !== 400 && !decodes(pathname)) return `ill-formed UTF-8 percent-encoding in the path: ${status} instead of 400 invalid`;
  return null;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function checkError(where: string, status: number, text: string): void {
  if (status === 200 || status === 201 || status === 204) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${where}: ${status} answer is not JSON: ${text.slice(0, 200)}`);
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  const keys = Object.keys(body as object).join(",") + "/" + Object.keys(error ?? {}).sort().join(",");
  if (keys !== "error/code,message" || typeof error?.message !== "string") throw new Error(`${where}: not {error:{code,message}}: ${text.slice(0, 200)}`);
  const code = error.code as keyof typeof ERROR_STATUS;
  // 405 (a method the path does not have, with Allow) is the one status that is not its code's.
  if (status === 405 && code === "invalid") return;
  if (ERROR_STATUS[code] !== status) throw new Error(`${where}: code ${String(code)} with status ${status}`);
  if (code === "internal") throw new Error(`${where}: internal`);
}

function checkNoLeak(where: string, sent: string, answer: string): void {
  for (const s of secrets) if (answer.includes(s)) throw new Error(`${where}: the outsider got a group message`);
  if (answer.includes(groupId) && !sent.includes(groupId)) throw new Error(`${where}: the outsider got the group's id`);
}

describe("HTTP routes", () => {
  for (const key of Object.keys(httpRoutes) as RouteKey[]) {
    const spec = httpRoutes[key] as { query?: import("zod").ZodType; body?: import("zod").ZodType; auth?: false; stream?: true };
    const { method, pattern } = splitRouteKey(key);
    const paramNames = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);

    it(`${key} answers malformed, foreign and unauthenticated input with protocol errors`, async () => {
      const request = fc.constantFrom<Actor>("ann", "ben", "xia", "xia", "none", "garbage").chain((actor) => {
        const ids = idsFor(actor);
        return fc.record({
          actor: fc.constant(actor),
          params: fc.tuple(...paramNames.map(() => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, nastyText))),
          query: spec.query ? payloadFor(spec.query, ids) : fc.constant(undefined),
          body:
            method === "GET"
              ? fc.constant(undefined)
              : fc.oneof(
                  { weight: 5, arbitrary: (spec.body ? payloadFor(spec.body, ids) : jsonValue).map((v) => ({ json: v })) },
                  { weight: 1, arbitrary: nastyText.map((raw) => ({ raw })) },
                  { weight: 1, arbitrary: fc.constant(undefined) },
                  // Upload routes (attachments, a profile picture): a real multipart body, with any file name and bytes.
                  ...(spec.stream && (method === "POST" || method === "PUT")
                    ? [{ weight: 5, arbitrary: fc.record({ name: nastyText, bytes: fc.uint8Array({ maxLength: 256 }) }).map((multipart) => ({ multipart })) }]
                    : []),
                ),
        });
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ actor, params, query, body }) => {
          count(key);
          let path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeSegment(params[paramNames.indexOf(name)]!));
          if (query && typeof query === "object" && !Array.isArray(query)) {
            const q = new URLSearchParams();
            for (const [k, v] of Object.entries(query)) q.append(k, typeof v === "string" ? v : JSON.stringify(v) ?? "");
            if ([...q].length) path += `?${q}`;
          }
          const headers: Record<string, string> = {};
          const token = tokenOf(actor);
          if (token) headers.authorization = `Bearer ${token}`;
          let payload: string | undefined;
          let form: FormData | undefined;
          if (body && "multipart" in body) {
            form = new FormData();
            form.append("file", new Blob([new Uint8Array(body.multipart.bytes)]), body.multipart.name);
            payload = `multipart ${JSON.stringify(body.multipart.name)}`;
          } else if (body && "json" in body) {
            headers["content-type"] = "application/json";
            payload = JSON.stringify(body.json) ?? "null";
          } else if (body && "raw" in body) {
            headers["content-type"] = "application/json";
            payload = body.raw;
          }
          const before = await snapshot();
          const res = await fetch(srv.url + path, { method, headers, body: form ?? payload, redirect: "manual" });
          const text = await res.text();
          const where = `${actor} ${method} ${path.slice(0, 300)} ${payload?.slice(0, 200) ?? ""} → ${res.status}`;
          const edge = knownEdgeCase(res.status, path);
          if (edge) {
            known.set(edge, (known.get(edge) ?? 0) + 1);
            return;
          }
          checkError(where, res.status, text);
          // The HTTP edge refuses a malformed path or method before anyone is authenticated.
          const refusedAtEdge = res.status === 400 || res.status === 404 || res.status === 405;
          if ((actor === "none" || actor === "garbage") && spec.auth !== false && res.status !== 401 && !refusedAtEdge) {
            throw new Error(`${where}: an unauthenticated request was not refused with 401`);
          }
          if (actor === "xia") checkNoLeak(where, path + (payload ?? ""), text);
          if (res.status >= 400) {
            const after = await snapshot();
            if (after !== before) throw new Error(`${where}: refused, but the database changed\n${before}\n${after}`);
          } else {
            await restore();
          }
        }),
        settings(RUNS),
      );
    }, 300_000);
  }
});

const userOf = (actor: "ann" | "ben" | "xia"): TestUser => ({ ann, ben, xia })[actor];

describe("socket events", () => {
  for (const event of Object.keys(clientEventSchemas) as ClientEventName[]) {
    it(`${event} acknowledges malformed and foreign payloads with protocol errors`, async () => {
      const input = fc.constantFrom("ann", "ben", "xia", "xia" as const).chain((actor) =>
        fc.record({
          actor: fc.constant(actor),
          mode: fc.constantFrom("ack", "ack", "ack", "no-payload", "no-ack"),
          payload: payloadFor(clientEventSchemas[event], idsFor(actor)),
        }),
      );
      await fc.assert(
        fc.asyncProperty(input, async ({ actor, mode, payload }) => {
          count(event);
          // A connection that kept sending refused events is disconnected by the server (its event
          // budget): the fuzzer then opens a new one, as a client would.
          if (!sockets[actor].connected) {
            sockets[actor] = await connectDevice(srv, { token: userOf(actor).token });
            if (actor === "xia") sockets.xia.onAny((e: string, ...args: unknown[]) => outsiderGot.push({ event: e, args }));
          }
          const s = sockets[actor];
          const where = `${actor} ${event} ${mode} ${JSON.stringify(payload)?.slice(0, 200)}`;
          const before = await snapshot();
          let ack: unknown;
          if (mode === "no-ack") {
            (s as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
            ack = await call(s, "heartbeat", {}).catch(() => ({ ok: false, error: { code: "rate_limited", message: "disconnected for flooding" } })); // the connection still answers, or was closed for flooding
          } else {
            const t = (s as unknown as { timeout(ms: number): { emitWithAck(e: string, ...p: unknown[]): Promise<unknown> } }).timeout(10_000);
            ack = await (mode === "no-payload" ? t.emitWithAck(event) : t.emitWithAck(event, payload)).catch((err: Error) => {
              throw new Error(`${where}: no ack (${err.message})`);
            });
          }
          const a = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
          if (a.ok !== true) {
            if (a.ok !== false || typeof a.error?.message !== "string" || !(String(a.error?.code) in ERROR_STATUS)) {
              throw new Error(`${where}: not a protocol ack: ${JSON.stringify(ack)}`);
            }
            if (a.error.code === "internal") throw new Error(`${where}: internal`);
            const after = await snapshot();
            if (after !== before) throw new Error(`${where}: refused, but the database changed`);
          } else if (mode !== "no-ack") {
            await restore();
          }
          if (actor === "xia") checkNoLeak(where, JSON.stringify(payload) ?? "", JSON.stringify(ack));
          if (!s.connected && !(a.ok === false && a.error?.code === "rate_limited")) throw new Error(`${where}: the socket was disconnected`);
        }),
        settings(RUNS * 2),
      );
    }, 300_000);
  }

  it("refuses handshakes with malformed credentials as unauthenticated", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nastyText, jsonValue, fieldValue([ann.token, ann.id])), async (token) => {
        count("handshake");
        const s = io(srv.url, { auth: { token: token as never }, transports: ["websocket"], reconnection: false, forceNew: true });
        const outcome = await new Promise<string>((resolve) => {
          s.once("connect", () => resolve("connected"));
          s.once("connect_error", (err) => resolve(err.message));
        });
        s.disconnect();
        if (token === ann.token) expect(outcome).toBe("connected");
        else if (outcome !== "unauthenticated") throw new Error(`handshake with ${JSON.stringify(token)?.slice(0, 100)}: ${outcome}`);
      }),
      settings(RUNS),
    );
  }, 300_000);
});

describe("afterwards", () => {
  it("the outsider's device received nothing of the group, and the app still serves", async () => {
    const got = JSON.stringify(outsiderGot);
    for (const s of secrets) expect(got.includes(s)).toBe(false);
    expect(got.includes(groupId)).toBe(false);
    // The fixture still works end to end: a member's message reaches the other member.
    await restore();
    const r = await api(srv, "GET", "/api/discovery");
    expect(r.status).toBe(200);
    const ack = await call(sockets.ann, "message:send", { channelId: groupId, clientMsgId: randomUUID(), body: "still here" });
    expect(ack.ok).toBe(true);
    expect(await srv.app.services.db.membership.count({ where: { channelId: groupId } })).toBe(2);
  });
});
