// Profile (docs/protocol.md "Profile"): the display name (PATCH /api/me {name}) and the profile
// picture (PUT/DELETE /api/me/avatar, GET /api/avatars/:id) through the real app, with co-members'
// devices told live (`user:update`) and people who share no channel told nothing. A refused
// upload changes nothing: same picture, same stored objects, no staging file left.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../lib/contract/limits";
import type { User } from "../../lib/contract/models";
import { FILE_CSP } from "../../server/files/file-routes";
import { browserLogin } from "../support/session-cookie";
import { api, type ClientSocket, closeAllDevices, connectDevice, record, signUp, startTestServer, type TestServer, type TestUser, waitFor } from "../support/test-server";
import { download, stagingFiles } from "../support/uploads";

let srv: TestServer;
let ann: TestUser, ben: TestUser, xia: TestUser;
let annOther: ClientSocket, benDevice: ClientSocket, xiaDevice: ClientSocket;

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .withExif({ IFD0: { Copyright: "secret-camera-owner", Make: "SecretCam" } })
    .png()
    .toBuffer();

async function putAvatar(token: string | undefined, bytes: Uint8Array, name = "me.png", headers: Record<string, string> = {}) {
  const fd = new FormData();
  fd.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
  const res = await fetch(`${srv.url}/api/me/avatar`, { method: "PUT", headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: fd });
  return { status: res.status, body: (await res.json()) as { user?: User & { avatarUrl: string | null }; error?: { code: string; message: string } } };
}

const me = async (u: TestUser) => (await api(srv, "GET", "/api/me", { token: u.token })).body.user as User;
/** What a refusal must leave as it was. */
const state = async () => ({ avatarUrl: (await me(ann)).avatarUrl, objects: (await srv.app.services.files.store.list()).sort(), staging: stagingFiles(srv) });

beforeAll(async () => {
  srv = await startTestServer();
  [ann, ben, xia] = (await Promise.all(["Ann", "Ben", "Xia"].map((n) => signUp(srv, n)))) as [TestUser, TestUser, TestUser];
  // Ben shares a group with Ann; Xia shares nothing with her.
  expect((await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "group", name: "Crew", memberIds: [ben.id] } })).status).toBe(201);
  [annOther, benDevice, xiaDevice] = (await Promise.all([ann, ben, xia].map((u) => connectDevice(srv, { token: u.token })))) as [ClientSocket, ClientSocket, ClientSocket];
}, 120_000);

afterAll(async () => {
  closeAllDevices();
  await srv?.stop();
});

describe("display name", () => {
  it("PATCH /api/me {name} trims it; Ann's other devices and Ben see it live, Xia is told nothing", async () => {
    const [annGot, benGot, xiaGot] = [record(annOther, "user:update"), record(benDevice, "user:update"), record(xiaDevice, "user:update")];
    const res = await api(srv, "PATCH", "/api/me", { token: ann.token, body: { name: "  Ann Lee \n" } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: ann.id, name: "Ann Lee", email: ann.email, avatarUrl: null });
    await waitFor(() => benGot.length === 1 && annGot.length === 1, 5000, "user:update");
    expect(benGot[0]).toEqual({ id: ann.id, name: "Ann Lee", avatarUrl: null });
    expect(annGot[0]).toEqual(benGot[0]);
    // Everyone else reads the new name too (GET /api/users/:id, ?ids=).
    expect((await api(srv, "GET", `/api/users/${ann.id}`, { token: xia.token })).body.user).toEqual({ id: ann.id, name: "Ann Lee", avatarUrl: null });
    expect((await api(srv, "GET", `/api/users?ids=${ann.id}`, { token: ben.token })).body.users).toEqual([{ id: ann.id, name: "Ann Lee", avatarUrl: null }]);
    // The event went out after Ben's: Xia's device had every chance to get it, and did not.
    expect(xiaGot).toEqual([]);
  });

  it("an empty, blank or too long name is refused (400) and changes nothing; 100 characters are fine", async () => {
    const benGot = record(benDevice, "user:update");
    for (const name of ["", "   ", "\u200B\u3164", "x".repeat(LIMITS.nameMaxChars + 1), 42]) {
      const res = await api(srv, "PATCH", "/api/me", { token: ann.token, body: { name } });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.error.code).toBe("invalid");
      expect((await me(ann)).name).toBe("Ann Lee");
    }
    const longest = "가".repeat(LIMITS.nameMaxChars);
    expect((await api(srv, "PATCH", "/api/me", { token: ann.token, body: { name: longest } })).body.user.name).toBe(longest);
    await waitFor(() => benGot.length === 1, 5000, "user:update");
    expect(benGot.map((u) => u.name)).toEqual([longest]);
    expect((await api(srv, "PATCH", "/api/me", { token: ann.token, body: { name: "Ann Lee" } })).status).toBe(200);
  });

  it("a cookie caller from a foreign page cannot rename the user", async () => {
    const cookie = await browserLogin(srv, ann.email, "correct horse battery");
    const res = await api(srv, "PATCH", "/api/me", { body: { name: "Pwned" }, headers: { cookie: cookie!, origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await me(ann)).name).toBe("Ann Lee");
  });
});

describe("profile picture", () => {
  let firstUrl: string;

  it("a PNG becomes a 256 px square WebP without metadata, served to any signed-in user with safe headers", async () => {
    const benGot = record(benDevice, "user:update");
    const res = await putAvatar(ann.token, await png(900, 600));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    firstUrl = res.body.user!.avatarUrl!;
    expect(firstUrl).toMatch(/^\/api\/avatars\/[a-z0-9]+$/);
    await waitFor(() => benGot.length === 1, 5000, "user:update");
    expect(benGot[0]).toEqual({ id: ann.id, name: "Ann Lee", avatarUrl: firstUrl });
    expect((await me(ann)).avatarUrl).toBe(firstUrl);

    // Xia shares no channel with Ann and still sees her picture, as she can see her name.
    const got = await download(srv, firstUrl, xia.token);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/webp");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-security-policy")).toBe(FILE_CSP);
    expect(got.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(got.headers.get("content-disposition")).toMatch(/^inline/);
    const meta = await sharp(got.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", LIMITS.avatarPx, LIMITS.avatarPx]);
    expect(meta.exif).toBeUndefined();
    expect(got.bytes.includes(Buffer.from("secret-camera-owner"))).toBe(false);
    expect((await download(srv, firstUrl, xia.token, { "if-none-match": got.headers.get("etag")! })).status).toBe(304);
    expect(await srv.app.services.files.store.list()).toHaveLength(1);
    expect(stagingFiles(srv)).toEqual([]);

    // No credentials: 401, no bytes. An id nobody has: 404.
    const anonymous = await download(srv, firstUrl);
    expect(anonymous.status).toBe(401);
    expect((await download(srv, "/api/avatars/abc123", ben.token)).status).toBe(404);
  });

  it("refuses a text file named .png, HTML, a damaged PNG, and pictures too small or too large a side (400), changing nothing", async () => {
    const before = await state();
    const damaged = (await png(100, 100)).subarray(0, 200);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["notes.png", Buffer.from("just some text, not a picture\n".repeat(20)), /JPEG, PNG, GIF or WebP/],
      ["page.png", Buffer.from("<!doctype html><html><script>alert(1)</script></html>"), /JPEG, PNG, GIF or WebP/],
      ["broken.png", damaged, /could not be read/],
      ["tiny.png", await png(16, 16), /between 32 and 8192 pixels/],
      ["strip.png", await png(9000, 40), /between 32 and 8192 pixels/],
    ];
    for (const [name, bytes, message] of cases) {
      const res = await putAvatar(ann.token, bytes, name);
      expect(res.status, name).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid", message: expect.stringMatching(message) });
      expect(await state(), name).toEqual(before);
    }
  });

  it("refuses a picture over 5 MiB (413), changing nothing", async () => {
    const before = await state();
    const big = Buffer.concat([await png(64, 64), Buffer.alloc(LIMITS.avatarMaxBytes)]);
    const res = await putAvatar(ann.token, big);
    expect(res.status).toBe(413);
    expect(res.body.error!.code).toBe("too_large");
    expect(await state()).toEqual(before);
  });

  it("a new picture replaces the old (old URL 404, its bytes gone); removal goes back to initials and tells co-members", async () => {
    const second = await putAvatar(ann.token, await png(40, 300));
    expect(second.status).toBe(200);
    const secondUrl = second.body.user!.avatarUrl!;
    expect(secondUrl).not.toBe(firstUrl);
    expect((await download(srv, firstUrl, ben.token)).status).toBe(404);
    expect(await srv.app.services.files.store.list()).toEqual([secondUrl.split("/").pop()]);

    const benGot = record(benDevice, "user:update");
    const removed = await api(srv, "DELETE", "/api/me/avatar", { token: ann.token });
    expect(removed.status).toBe(200);
    expect(removed.body.user.avatarUrl).toBeNull();
    await waitFor(() => benGot.length === 1, 5000, "user:update");
    expect(benGot[0]).toEqual({ id: ann.id, name: "Ann Lee", avatarUrl: null });
    expect((await download(srv, secondUrl, ben.token)).status).toBe(404);
    expect(await srv.app.services.files.store.list()).toEqual([]);
    // Removing again: still none, fine.
    expect((await api(srv, "DELETE", "/api/me/avatar", { token: ann.token })).body.user.avatarUrl).toBeNull();
  });

  it("uploads need a caller, and a cookie caller on the app's own page", async () => {
    const bytes = await png(64, 64);
    expect((await putAvatar(undefined, bytes)).status).toBe(401);
    const cookie = await browserLogin(srv, ben.email, "correct horse battery");
    expect((await putAvatar(undefined, bytes, "me.png", { cookie: cookie!, origin: "https://evil.example" })).status).toBe(403);
    const own = await putAvatar(undefined, bytes, "me.png", { cookie: cookie!, origin: srv.url });
    expect(own.status).toBe(200);
    expect(own.body.user).toMatchObject({ id: ben.id, avatarUrl: expect.stringMatching(/^\/api\/avatars\//) });
  });
});
