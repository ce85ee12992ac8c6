// Files (PROTOCOL.md "Files"): uploads, who gets the bytes and how they are served, images
// (type from content, EXIF orientation applied, metadata stripped, thumbnails), limits and
// aborted uploads leaving nothing behind, files sent with messages (atomically) and carried by
// history, sync, search and events, deletes and the sweep of unsent uploads. Every rule against
// BOTH storage back-ends: the local folder and an S3-compatible bucket (s3rver on a free port).
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Attachment, Message } from "../../lib/contract/models";
import { FILE_CSP } from "../../server/files/file-routes";
import { api, call, type ClientSocket, closeAllDevices, connectDevice, record, signUp, startTestServer, type TestServer, type TestUser, waitFor } from "../support/test-server";
import { browserLogin } from "../support/session-cookie";
import { download, rawUpload, stagingFiles, startS3, until, upload } from "../support/uploads";

const MAX = 1024 * 1024;
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } }).png().toBuffer();

describe.each(["local", "s3"] as const)("files in %s storage", (backend) => {
  let srv: TestServer;
  let s3: Awaited<ReturnType<typeof startS3>> | undefined;
  let ann: TestUser, ben: TestUser, xia: TestUser, quo: TestUser;
  /** ann (owner), ben, quo. */
  let groupId: string;
  /** ann and xia. */
  let otherId: string;
  let annDevice: ClientSocket, benDevice: ClientSocket;

  const store = () => srv.app.services.files.store;
  const db = () => srv.app.services.db;
  const lastSeq = async (id: string) => (await db().channel.findUniqueOrThrow({ where: { id } })).lastSeq;
  const send = (s: ClientSocket, channelId: string, body: string, attachmentIds?: string[], clientMsgId: string = randomUUID()) =>
    call(s, "message:send", { channelId, clientMsgId, body, ...(attachmentIds ? { attachmentIds } : {}) });
  async function uploaded(user: TestUser, name: string, bytes: Uint8Array, channelId = groupId, type?: string): Promise<Attachment> {
    const r = await upload(srv, channelId, user.token, { bytes, name, type });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.attachment;
  }
  /** Objects and rows as they are: what a refused upload must leave unchanged. */
  const leftovers = async () => ({ objects: (await store().list()).sort(), rows: await db().attachment.count(), staging: stagingFiles(srv) });

  beforeAll(async () => {
    const env: Record<string, string> = {
      UPLOAD_MAX_BYTES: String(MAX),
      UPLOAD_QUOTA_BYTES_PER_DAY: String(64 * MAX),
      UPLOAD_SWEEP_MS: "300",
      MESSAGE_RATE_LIMIT: "100000",
    };
    if (backend === "s3") {
      s3 = await startS3("chat-files");
      Object.assign(env, {
        S3_BUCKET: "chat-files",
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        S3_FORCE_PATH_STYLE: "1",
      });
    }
    srv = await startTestServer(env);
    expect(srv.app.services.files.store.kind).toBe(backend);
    [ann, ben, xia, quo] = (await Promise.all(["Ann", "Ben", "Xia", "Quo"].map((n) => signUp(srv, n)))) as [TestUser, TestUser, TestUser, TestUser];
    groupId = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "group", name: "Team", memberIds: [ben.id, quo.id] } })).body.channel.id;
    otherId = (await api(srv, "POST", "/api/channels", { token: ann.token, body: { kind: "direct", memberIds: [xia.id] } })).body.channel.id;
    annDevice = await connectDevice(srv, { token: ann.token });
    benDevice = await connectDevice(srv, { token: ben.token });
  }, 120_000);

  afterAll(async () => {
    closeAllDevices();
    await srv?.stop();
    await s3?.stop();
  });

  it("an image's type comes from its bytes; members get it once sent, inline, with a thumbnail; others get no bytes", async () => {
    const bytes = await png(1200, 800);
    // A PNG named .txt and claimed as text: the server goes by the content.
    const a = await uploaded(ann, "photo.txt", bytes, groupId, "text/plain");
    expect(a).toMatchObject({ name: "photo.txt", type: "image/png", width: 1200, height: 800, url: `/api/files/${a.id}`, thumbnailUrl: `/api/files/${a.id}/thumbnail` });
    // Unsent: only its uploader reads it.
    expect((await download(srv, a.url, ben.token)).status).toBe(404);
    expect((await download(srv, a.url, ann.token)).status).toBe(200);
    expect((await send(annDevice, groupId, "look", [a.id])).ok).toBe(true);

    const got = await download(srv, a.url, ben.token);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("content-disposition")).toMatch(/^inline; filename="photo.txt"/);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-security-policy")).toBe(FILE_CSP);
    expect(Number(got.headers.get("content-length"))).toBe(a.size);
    const meta = await sharp(got.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 800]);

    const thumb = await download(srv, a.thumbnailUrl!, ben.token);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const t = await sharp(thumb.bytes).metadata();
    expect([t.format, t.width, t.height]).toEqual(["webp", 480, 320]);

    const range = await download(srv, a.url, ben.token, { range: "bytes=0-7" });
    expect(range.status).toBe(206);
    expect(range.bytes).toEqual(bytes.subarray(0, 8));

    // Not a member: 404 and not a byte of the file; no credentials: 401.
    for (const url of [a.url, a.thumbnailUrl!]) {
      const outsider = await download(srv, url, xia.token);
      expect(outsider.status).toBe(404);
      expect(JSON.parse(outsider.bytes.toString()).error.code).toBe("not_found");
      const anonymous = await download(srv, url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.bytes.includes(bytes.subarray(0, 8))).toBe(false);
    }
  });

  it("HTML and SVG, whatever their names, are never served as HTML, SVG or inline", async () => {
    const cases = [
      { name: "x.png", type: "image/png", bytes: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>") },
      { name: "logo.svg", type: "image/svg+xml", bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      { name: "page.html", type: "text/html", bytes: Buffer.from("<html><script>alert(1)</script></html>") },
    ];
    for (const c of cases) {
      const a = await uploaded(ann, c.name, c.bytes, groupId, c.type);
      expect(a.type).toBe("application/octet-stream");
      expect(a.width).toBeUndefined();
      expect(a.thumbnailUrl).toBeUndefined();
      const got = await download(srv, a.url, ann.token);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("application/octet-stream");
      expect(got.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(got.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      expect(got.bytes).toEqual(c.bytes);
    }
  });

  it("GIF and WebP images get their size and a thumbnail; a damaged image is kept as a plain file", async () => {
    const base = () => sharp({ create: { width: 640, height: 960, channels: 3, background: "green" } });
    const gif = await uploaded(ann, "anim.gif", await base().gif().toBuffer());
    expect(gif).toMatchObject({ type: "image/gif", width: 640, height: 960 });
    const webp = await uploaded(ann, "pic.webp", await base().webp().toBuffer());
    expect(webp).toMatchObject({ type: "image/webp", width: 640, height: 960 });
    for (const a of [gif, webp]) {
      const t = await sharp((await download(srv, a.thumbnailUrl!, ann.token)).bytes).metadata();
      expect([t.format, t.width, t.height]).toEqual(["webp", 320, 480]);
    }
    const broken = Buffer.concat([(await png(10, 10)).subarray(0, 40), Buffer.alloc(200, 9)]);
    const damaged = await uploaded(ann, "broken.png", broken);
    expect(damaged).toMatchObject({ type: "application/octet-stream", size: broken.length });
    expect(damaged.thumbnailUrl).toBeUndefined();
    const got = await download(srv, damaged.url, ann.token);
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(got.bytes).toEqual(broken);
  });

  it("a photo is turned upright by its EXIF orientation and served without its metadata (GPS)", async () => {
    const plain = await sharp({ create: { width: 200, height: 100, channels: 3, background: "blue" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "Ann" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 30/1 0/1" } })
      .toBuffer();
    const photo = await sharp(plain).withMetadata({ orientation: 6 }).toBuffer();
    const input = await sharp(photo).metadata();
    expect(input.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825) is in the EXIF block sent.
    expect(input.exif!.includes(Buffer.from([0x88, 0x25])) || input.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const a = await uploaded(ann, "IMG_0001.JPG", photo);
    expect(a).toMatchObject({ type: "image/jpeg", width: 100, height: 200 });
    const got = await download(srv, a.url, ann.token);
    const served = await sharp(got.bytes).metadata();
    expect([served.format, served.width, served.height]).toEqual(["jpeg", 100, 200]);
    expect(served.exif).toBeUndefined();
    expect(served.orientation).toBeUndefined();
    expect(got.bytes.includes(Buffer.from("Exif\0\0"))).toBe(false);
    const thumb = await sharp((await download(srv, a.thumbnailUrl!, ann.token)).bytes).metadata();
    expect([thumb.width, thumb.height, thumb.exif]).toEqual([100, 200, undefined]);
  });

  it("an upload over the limit is refused with 413 while it is still being sent, and nothing of it stays", async () => {
    const before = await leftovers();
    const up = rawUpload(srv, groupId, ann.token);
    const chunk = Buffer.alloc(64 * 1024, 7);
    let answered = false;
    void up.answer.then(() => (answered = true));
    let sent = 0;
    // Up to 16 MiB: the answer must come long before.
    while (!answered && sent < 16 * MAX) {
      await up.send(chunk).catch(() => {});
      sent += chunk.length;
    }
    const r = await up.answer;
    up.cut();
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe("too_large");
    expect(sent).toBeLessThan(16 * MAX);
    expect(await until(leftovers, (l) => l.staging.length === before.staging.length)).toEqual(before);
  });

  it("an upload cut off by the client leaves nothing behind", async () => {
    const before = await leftovers();
    const up = rawUpload(srv, groupId, ann.token);
    await up.send(Buffer.alloc(300 * 1024, 1));
    await waitFor(() => stagingFiles(srv).length > before.staging.length, 5000, "the upload to be staged");
    up.cut();
    expect(await until(leftovers, (l) => l.staging.length === before.staging.length)).toEqual(before);
  });

  it("a truncated body (no closing boundary) is refused with 400 and leaves nothing behind", async () => {
    const before = await leftovers();
    const up = rawUpload(srv, groupId, ann.token);
    await up.send(Buffer.alloc(200 * 1024, 2));
    up.endTruncated();
    const r = await up.answer;
    expect([r.status, JSON.parse(r.body).error.code]).toEqual([400, "invalid"]);
    expect(await until(leftovers, (l) => l.staging.length === before.staging.length)).toEqual(before);
  });

  it("a browser uploads with its session cookie from the app's own page only, and reads with the cookie", async () => {
    const cookie = await browserLogin(srv, ann.email, "correct horse battery");
    expect(cookie).toBeTruthy();
    const post = (origin: string) => {
      const fd = new FormData();
      fd.append("file", new Blob([Buffer.from("from the browser")]), "b.txt");
      return fetch(`${srv.url}/api/channels/${groupId}/attachments`, { method: "POST", headers: { cookie: cookie!, origin }, body: fd });
    };
    const foreign = await post("https://evil.example");
    expect([foreign.status, (await foreign.json()).error.code]).toEqual([403, "forbidden"]);
    const own = await post(srv.url);
    expect(own.status).toBe(201);
    const { attachment } = await own.json();
    const got = await download(srv, attachment.url, undefined, { cookie: cookie! });
    expect([got.status, got.bytes.toString()]).toEqual([200, "from the browser"]);
  });

  it("non-members cannot upload (403) and no credentials get 401; nothing is stored", async () => {
    const before = await leftovers();
    const r = await upload(srv, groupId, xia.token, { bytes: Buffer.from("x"), name: "x.txt" });
    expect([r.status, r.body.error.code]).toEqual([403, "forbidden"]);
    expect((await upload(srv, groupId, undefined, { bytes: Buffer.from("x"), name: "x.txt" })).status).toBe(401);
    const json = await api(srv, "POST", `/api/channels/${groupId}/attachments`, { token: ann.token, body: { file: "x" } });
    expect([json.status, json.body.error.code]).toEqual([400, "invalid"]);
    expect(await leftovers()).toEqual(before);
  });

  it("the day's upload quota answers 429", async () => {
    await db().attachment.create({ data: { channelId: groupId, uploaderId: quo.id, name: "old.bin", size: 64 * MAX, type: "application/octet-stream" } });
    const before = await leftovers();
    const r = await upload(srv, groupId, quo.token, { bytes: Buffer.from("more"), name: "more.txt" });
    expect(r.status).toBe(429);
    expect(r.body.error).toMatchObject({ code: "rate_limited" });
    expect(r.body.error.message).toMatch(/quota/);
    expect(await leftovers()).toEqual(before);
  });

  it("files are sent with a message, in order, body optional, and every path carries them", async () => {
    const img = await uploaded(ann, "cat.png", await png(64, 48));
    const txt = await uploaded(ann, "notes.txt", Buffer.from("hello\n"));
    const live = record(benDevice, "message");
    const ack = await send(annDevice, groupId, "", [img.id, txt.id]);
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    const m: Message = ack.message;
    expect(m.body).toBe("");
    expect(m.attachments).toEqual([img, txt]);
    expect(["text/plain", "application/octet-stream"]).toContain(txt.type);
    await waitFor(() => live.some((x) => x.seq === m.seq), 5000, "ben's live message");
    expect(live.find((x) => x.seq === m.seq)!.attachments).toEqual([img, txt]);

    const history = await api(srv, "GET", `/api/channels/${groupId}/messages?before=${m.seq + 1}&limit=1`, { token: ben.token });
    expect(history.body.messages.at(-1).attachments).toEqual([img, txt]);
    const sync = await call(benDevice, "sync", { cursors: { [groupId]: m.seq - 1 } });
    expect(sync.messages.find((x: Message) => x.seq === m.seq).attachments).toEqual([img, txt]);

    const doc = await uploaded(ann, "Q3.pdf", Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"));
    expect(doc.type).toBe("application/pdf");
    expect((await send(annDevice, groupId, "quarterly report attached", [doc.id])).ok).toBe(true);
    const found = await api(srv, "GET", "/api/search?q=quarterly", { token: ben.token });
    expect(found.body.results[0].message.attachments).toEqual([doc]);
    const pdf = await download(srv, doc.url, ben.token);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="Q3.pdf"/);

    // A retry of the same send answers the stored message, files included.
    const retry = await send(annDevice, groupId, "", [img.id, txt.id], m.clientMsgId);
    expect(retry.ok).toBe(true);
    expect(retry.message).toEqual(m);
  });

  it("unknown, someone else's, another channel's or already sent files: invalid, and nothing is stored", async () => {
    const mine = await uploaded(ann, "a.txt", Buffer.from("a"));
    const bens = await uploaded(ben, "b.txt", Buffer.from("b"));
    const elsewhere = await uploaded(ann, "c.txt", Buffer.from("c"), otherId);
    const used = await uploaded(ann, "d.txt", Buffer.from("d"));
    expect((await send(annDevice, groupId, "", [used.id])).ok).toBe(true);
    const seq = await lastSeq(groupId);
    for (const ids of [["nope"], [bens.id], [elsewhere.id], [used.id], [mine.id, used.id], [mine.id, mine.id]]) {
      const r = await send(annDevice, groupId, "with files", ids);
      expect(r.ok, JSON.stringify(ids)).toBe(false);
      expect(r.error.code).toBe("invalid");
    }
    // No files and no text: still refused.
    expect((await send(annDevice, groupId, "  ")).error.code).toBe("invalid");
    expect(await lastSeq(groupId)).toBe(seq);
    expect((await db().attachment.findUniqueOrThrow({ where: { id: mine.id } })).seq).toBeNull();

    // Two sends racing for one upload: exactly one message is stored, with it.
    const both = await Promise.all([send(annDevice, groupId, "one", [mine.id]), send(annDevice, groupId, "two", [mine.id])]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok).error.code).toBe("invalid");
    expect(await lastSeq(groupId)).toBe(seq + 1);
  });

  it("deleting a message deletes its files at once: rows and bytes", async () => {
    const a = await uploaded(ann, "gone.png", await png(32, 32));
    const m = (await send(annDevice, groupId, "soon gone", [a.id])).message as Message;
    expect((await download(srv, a.url, ben.token)).status).toBe(200);
    expect(await store().has(a.id)).toBe(true);
    const del = await call(annDevice, "message:delete", { channelId: groupId, seq: m.seq });
    expect(del.ok).toBe(true);
    expect(del.message.attachments).toEqual([]);
    for (const url of [a.url, a.thumbnailUrl!]) {
      expect((await download(srv, url, ben.token)).status).toBe(404);
      expect((await download(srv, url, ann.token)).status).toBe(404);
    }
    expect(await store().has(a.id)).toBe(false);
    expect(await store().has(`${a.id}.thumb`)).toBe(false);
    const history = await api(srv, "GET", `/api/channels/${groupId}/messages?before=${m.seq + 1}&limit=1`, { token: ben.token });
    expect(history.body.messages.at(-1).attachments).toEqual([]);
  });

  it("uploads no message took are swept after a day (on a timer); fresh and sent ones stay", async () => {
    const stale = await uploaded(ann, "stale.png", await png(16, 16));
    const fresh = await uploaded(ann, "fresh.txt", Buffer.from("f"));
    const sent = await uploaded(ann, "sent.txt", Buffer.from("s"));
    expect((await send(annDevice, groupId, "", [sent.id])).ok).toBe(true);
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await db().attachment.updateMany({ where: { id: { in: [stale.id, sent.id] } }, data: { createdAt: dayAgo } });
    await until(() => db().attachment.count({ where: { id: stale.id } }), (n) => n === 0);
    expect(await db().attachment.count({ where: { id: stale.id } })).toBe(0);
    expect(await store().has(stale.id)).toBe(false);
    expect(await store().has(`${stale.id}.thumb`)).toBe(false);
    expect((await download(srv, stale.url, ann.token)).status).toBe(404);
    for (const keep of [fresh, sent]) {
      expect(await db().attachment.count({ where: { id: keep.id } })).toBe(1);
      expect(await store().has(keep.id)).toBe(true);
    }
  });

  it("file names with folders, control or bidi characters, or 1,000 characters are made safe, not refused", async () => {
    const a = await uploaded(ann, "../../etc/\u202Eevil.txt", Buffer.from("x"));
    expect(a.name).toBe("evil.txt");
    // Control characters cannot stand raw in a part's header: they come RFC 5987-encoded.
    const up = rawUpload(srv, groupId, ann.token, `filename*=UTF-8''%2E%2E%2Fa%07b%E2%80%AEc%0A.txt`);
    await up.send(Buffer.from("y"));
    up.end();
    const r = await up.answer;
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body).attachment.name).toBe("abc.txt");
    const long = await uploaded(ann, `${"회".repeat(996)}.pdf`, Buffer.from("x"));
    expect([...long.name]).toHaveLength(200);
    expect(long.name.endsWith(".pdf")).toBe(true);
    const got = await download(srv, long.url, ann.token);
    expect(got.headers.get("content-disposition")).toContain("filename*=UTF-8''%ED%9A%8C");
  });
});
