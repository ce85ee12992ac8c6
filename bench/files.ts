// The files section of `npm run bench` (BENCH=files): the server's peak RSS while ten 20 MB
// uploads stream in at once, and while ten 12-megapixel photos are processed, and message-send
// ack latency with and without uploads going on.
// The client side keeps one 64 KiB chunk and writes it again and again: the RSS measured (the app
// runs in this process) is the server's, not 200 MB of test data.
import { randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import { seedUsers } from "../tests/support/seed";
import { api, call, type ClientSocket, closeAllDevices, connectDevice, type TestServer } from "../tests/support/test-server";
import { rawUpload } from "../tests/support/uploads";

const MB = 1024 * 1024;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(2);
};

/** n uploads at once of `bytes` bytes (random), or of `file` (its bytes, in 64 KiB slices). */
async function uploadsAtOnce(srv: TestServer, channelId: string, token: string, n: number, bytes: number, file?: Buffer) {
  const chunk = randomBytes(64 * 1024);
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, async () => {
      const up = rawUpload(srv, channelId, token);
      if (file) for (let at = 0; at < file.length; at += chunk.length) await up.send(file.subarray(at, at + chunk.length));
      else for (let sent = 0; sent < bytes; sent += chunk.length) await up.send(chunk);
      up.end();
      return up.answer;
    }),
  );
  const bad = answers.find((a) => a.status !== 201);
  if (bad) throw new Error(`upload failed: ${bad.status} ${bad.body}`);
  return (performance.now() - t0) / 1000;
}

async function sendLatencies(devices: ClientSocket[], channelId: string, perWriter: number) {
  const out: number[] = [];
  await Promise.all(
    devices.map(async (d, i) => {
      for (let k = 0; k < perWriter; k++) {
        const s = performance.now();
        const ack = await call(d, "message:send", { channelId, clientMsgId: randomUUID(), body: `bench ${i} ${k}` });
        if (!ack.ok) throw new Error(JSON.stringify(ack));
        out.push(performance.now() - s);
      }
    }),
  );
  return out;
}

export async function benchFiles(srv: TestServer) {
  const users = await seedUsers(srv, 10, "Filer");
  const channelId = (await api(srv, "POST", "/api/channels", { token: users[0]!.token, body: { kind: "group", name: "files", memberIds: users.slice(1).map((u) => u.id) } }))
    .body.channel.id as string;
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const secs = await uploadsAtOnce(srv, channelId, users[0]!.token, 10, 20 * MB);
  clearInterval(sampler);

  // Ten 12-megapixel photos at once: decoded, re-encoded and thumbnailed (IMAGE_CONCURRENCY at a time).
  const photo = await sharp(randomBytes(4000 * 3000 * 3), { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  globalThis.gc?.();
  const photoBaseline = process.memoryUsage().rss;
  let photoPeak = photoBaseline;
  const photoSampler = setInterval(() => (photoPeak = Math.max(photoPeak, process.memoryUsage().rss)), 10);
  const photoSecs = await uploadsAtOnce(srv, channelId, users[2]!.token, 10, 0, photo);
  clearInterval(photoSampler);

  const devices = await Promise.all(users.map((u) => connectDevice(srv, { token: u.token })));
  await sendLatencies(devices, channelId, 5); // warm-up
  const quiet = await sendLatencies(devices, channelId, 40);
  // The same sends while ten more 20 MB uploads stream in (writers keep sending until they end).
  const during = uploadsAtOnce(srv, channelId, users[1]!.token, 10, 20 * MB);
  const busy: number[] = [];
  let uploading = true;
  void during.finally(() => (uploading = false));
  while (uploading) busy.push(...(await sendLatencies(devices, channelId, 5)));
  await during;
  closeAllDevices();
  return {
    tenParallel20MBUploads: {
      seconds: +secs.toFixed(2),
      rssBaselineMB: Math.round(baseline / MB),
      rssPeakMB: Math.round(peak / MB),
      rssGrowthMB: Math.round((peak - baseline) / MB),
    },
    tenParallel12MPPhotos: {
      photoMB: +(photo.length / MB).toFixed(1),
      seconds: +photoSecs.toFixed(2),
      rssBaselineMB: Math.round(photoBaseline / MB),
      rssPeakMB: Math.round(photoPeak / MB),
      rssGrowthMB: Math.round((photoPeak - photoBaseline) / MB),
    },
    sendAckMs10Writers: {
      quiet: { sends: quiet.length, p50: pct(quiet, 50), p99: pct(quiet, 99) },
      duringUploads: { sends: busy.length, p50: pct(busy, 50), p99: pct(busy, 99) },
    },
  };
}
