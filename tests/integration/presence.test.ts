import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PresenceState } from "../../lib/contract/models";
import { seedUsers } from "../support/seed";
import {
  api,
  call,
  type ClientSocket,
  closeAllDevices,
  connectDevice,
  record,
  signUp,
  startTestServer,
  type TestServer,
  type TestUser,
  waitFor,
} from "../support/test-server";

// Short timings so the grace period and zombie timeout can be watched in a test.
const GRACE = 1200;
const HEARTBEAT_TIMEOUT = 2000;
let srv: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;
const beats: NodeJS.Timeout[] = [];

beforeAll(async () => {
  srv = await startTestServer({
    PRESENCE_GRACE_MS: String(GRACE),
    PRESENCE_SWEEP_MS: "200",
    HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT),
  });
  [alice, bob, carol] = (await Promise.all([signUp(srv, "Alice"), signUp(srv, "Bob"), signUp(srv, "Carol")])) as [TestUser, TestUser, TestUser];
  await api(srv, "POST", "/api/channels", { token: alice.token, body: { kind: "direct", memberIds: [bob.id] } });
});
afterAll(() => srv?.stop());
afterEach(async () => {
  beats.splice(0).forEach(clearInterval);
  closeAllDevices();
  await new Promise((r) => setTimeout(r, GRACE + 600)); // everyone offline again
});

/** A device as the web app runs it: heartbeats while open. */
async function device(u: TestUser): Promise<ClientSocket> {
  const s = await connectDevice(srv, { token: u.token });
  beats.push(setInterval(() => s.emit("heartbeat", {}, () => {}), 400));
  return s;
}
const about = (events: PresenceState[], u: TestUser) => events.filter((p) => p.userId === u.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("presence", () => {
  it("turns a user online on connect for co-members, and gives a new device its co-members' state", async () => {
    const b = await device(bob);
    const seenByBob = record(b, "presence");
    const a = await device(alice);
    const seenByAlice = record(a, "presence");
    await waitFor(() => about(seenByBob, alice).some((p) => p.online), 3000, "alice online");
    await waitFor(() => about(seenByAlice, bob).length > 0, 3000, "initial presence");
    expect(about(seenByAlice, bob).at(-1)).toMatchObject({ online: true, lastActiveAt: expect.any(String) });
    const list = await api(srv, "GET", "/api/channels", { token: bob.token });
    expect(list.body.channels.find((c: { kind: string }) => c.kind === "direct").presence).toMatchObject({ userId: alice.id, online: true });
  });

  it("keeps a user online while any device is connected, and turns them offline only after the grace period", async () => {
    const b = await device(bob);
    const seen = record(b, "presence");
    const a1 = await device(alice);
    const a2 = await device(alice);
    await waitFor(() => about(seen, alice).some((p) => p.online), 3000, "online");
    seen.length = 0; // Bob's initial view of Alice (offline) is not what this test is about
    a1.disconnect();
    await sleep(GRACE + 800);
    expect(about(seen, alice).filter((p) => !p.online)).toEqual([]); // a2 is still there
    const leftAt = Date.now();
    a2.disconnect();
    await waitFor(() => about(seen, alice).some((p) => !p.online), GRACE + 3000, "offline");
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(GRACE - 100);
    const off = about(seen, alice).at(-1)!;
    expect(off.online).toBe(false);
    expect(off.lastActiveAt).not.toBeNull();
  });

  it("does not flap when a device reconnects within the grace period", async () => {
    const b = await device(bob);
    const seen = record(b, "presence");
    const a = await device(alice);
    await waitFor(() => about(seen, alice).some((p) => p.online), 3000, "online");
    seen.length = 0;
    a.disconnect();
    await sleep(GRACE / 3);
    await device(alice);
    await sleep(GRACE + 800);
    expect(about(seen, alice)).toEqual([]); // no offline, and no second online either
  });

  it("closes a zombie connection whose heartbeats stopped, and the user goes offline", async () => {
    const b = await device(bob);
    const seen = record(b, "presence");
    const zombie = await connectDevice(srv, { token: alice.token }); // never sends heartbeat
    const closed = new Promise<string>((r) => zombie.once("disconnect", r));
    await waitFor(() => about(seen, alice).some((p) => p.online), 3000, "online");
    expect(await closed).toBe("io server disconnect");
    await waitFor(() => about(seen, alice).some((p) => !p.online), HEARTBEAT_TIMEOUT + GRACE + 3000, "offline");
  });

  it("keeps a hidden app connected with active:false heartbeats without moving its last-seen time", async () => {
    const hidden = await connectDevice(srv, { token: alice.token });
    const lastActive = async () =>
      (await api(srv, "GET", "/api/channels", { token: bob.token })).body.channels.find((c: { kind: string }) => c.kind === "direct").presence
        .lastActiveAt as string;
    const before = await lastActive();
    beats.push(setInterval(() => hidden.emit("heartbeat", { active: false }, () => {}), 400));
    await sleep(HEARTBEAT_TIMEOUT + 1000);
    expect(hidden.connected).toBe(true); // not taken for a zombie
    expect(await lastActive()).toBe(before);
    expect((await call(hidden, "heartbeat", { active: "no" })).error.code).toBe("invalid");
    expect((await call(hidden, "heartbeat", {})).ok).toBe(true);
    expect(await lastActive()).not.toBe(before);
  });

  it("pushes presence only to co-members; large groups subscribe instead", async () => {
    const c = await device(carol);
    const carolSees = record(c, "presence");
    const crowd = await seedUsers(srv, 100, "Crowd");
    const big = await api(srv, "POST", "/api/channels", {
      token: carol.token,
      body: { kind: "group", name: "big", memberIds: [alice.id, ...crowd.map((u) => u.id)] },
    });
    expect(big.body.channel.memberIds).toHaveLength(102);
    await device(alice);
    await sleep(800);
    expect(about(carolSees, alice)).toEqual([]); // a 102-member group does not push presence
    const sub = await call(c, "presence:subscribe", { userIds: [alice.id, bob.id, "nobody"] });
    expect(sub.ok).toBe(true);
    expect(sub.presence).toEqual([expect.objectContaining({ userId: alice.id, online: true })]); // not Bob: no shared channel
    const a2 = await device(bob); // Bob's changes must not reach Carol
    await sleep(500);
    expect(about(carolSees, bob)).toEqual([]);
    a2.disconnect();
    expect((await call(c, "presence:subscribe", { userIds: Array(501).fill("x") })).error.code).toBe("invalid");
  });
});
