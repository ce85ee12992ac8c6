// Two apps in one process, each on its own database: every request and socket is served with its
// own app's services (server/runtime.ts), never the other's, although Next shares its compiled
// route modules between them.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  call,
  closeAllDevices,
  connectDevice,
  record,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
  waitFor,
} from "../support/test-server";

let one: TestServer, two: TestServer;
let ann: TestUser, bea: TestUser;

beforeAll(async () => {
  one = await startTestServer();
  two = await startTestServer();
  [ann, bea] = await Promise.all([signUp(one, "Ann"), signUp(two, "Bea")]);
});
afterAll(async () => {
  await one?.stop();
  await two?.stop();
});
afterEach(() => closeAllDevices());

const group = async (srv: TestServer, u: TestUser, name: string) => {
  const r = await api(srv, "POST", "/api/channels", { token: u.token, body: { kind: "group", name, memberIds: [] } });
  expect(r.status).toBe(201);
  return r.body.channel.id as string;
};

describe("two apps in one process", () => {
  it("serve each its own users and channels over HTTP", async () => {
    expect((await api(one, "GET", "/api/me", { token: ann.token })).body.user.name).toBe("Ann");
    expect((await api(two, "GET", "/api/me", { token: bea.token })).body.user.name).toBe("Bea");
    expect((await api(two, "GET", "/api/me", { token: ann.token })).status).toBe(401);
    expect((await api(one, "GET", "/api/me", { token: bea.token })).status).toBe(401);

    const [annRoom, beaRoom] = await Promise.all([group(one, ann, "Ann's room"), group(two, bea, "Bea's room")]);
    const annList = (await api(one, "GET", "/api/channels", { token: ann.token })).body.channels as { id: string }[];
    const beaList = (await api(two, "GET", "/api/channels", { token: bea.token })).body.channels as { id: string }[];
    expect(annList.map((c) => c.id)).toEqual([annRoom]);
    expect(beaList.map((c) => c.id)).toEqual([beaRoom]);
  });

  it("serve each its own sockets: a message stored and delivered by one app only", async () => {
    const [annRoom, beaRoom] = await Promise.all([group(one, ann, "Ann's talk"), group(two, bea, "Bea's talk")]);
    await expect(connectDevice(two, { token: ann.token })).rejects.toThrow("unauthenticated");
    const [annDevice, beaDevice] = await Promise.all([connectDevice(one, { token: ann.token }), connectDevice(two, { token: bea.token })]);
    const annGot = record(annDevice, "message");
    const beaGot = record(beaDevice, "message");

    const a = await call(annDevice, "message:send", { channelId: annRoom, clientMsgId: randomUUID(), body: "from one" });
    const b = await call(beaDevice, "message:send", { channelId: beaRoom, clientMsgId: randomUUID(), body: "from two" });
    expect([a.ok, b.ok]).toEqual([true, true]);
    await waitFor(() => annGot.length === 1 && beaGot.length === 1, 5000, "each app's message event");
    expect(annGot.map((m) => m.body)).toEqual(["from one"]);
    expect(beaGot.map((m) => m.body)).toEqual(["from two"]);

    const history = async (srv: TestServer, u: TestUser, id: string) =>
      (await api(srv, "GET", `/api/channels/${id}/messages`, { token: u.token })).body.messages.map((m: { body: string }) => m.body);
    expect(await history(one, ann, annRoom)).toEqual(["from one"]);
    expect(await history(two, bea, beaRoom)).toEqual(["from two"]);
    // The other app's database has no such channel.
    expect((await call(annDevice, "message:send", { channelId: beaRoom, clientMsgId: randomUUID(), body: "x" })).error.code).toBe("not_found");
  });
});
