// Helpers for file tests: uploads through fetch's FormData (as a browser sends them), a raw
// streamed upload the test controls chunk by chunk (limits, aborts), and a local S3-compatible
// server (s3rver) on a free port, no network.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import S3rver from "s3rver";
import type { TestServer } from "./test-server";
import { tempDataDir } from "./temp-dir";

export async function upload(
  srv: TestServer,
  channelId: string,
  token: string | undefined,
  file: { bytes: Uint8Array; name: string; type?: string },
): Promise<{ status: number; body: any }> {
  const fd = new FormData();
  fd.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  const res = await fetch(`${srv.url}/api/channels/${channelId}/attachments`, {
    method: "POST",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: fd,
  });
  return { status: res.status, body: await res.json() };
}

export async function download(srv: TestServer, url: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(srv.url + url, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const BOUNDARY = "----chat-test-boundary";

/**
 * A multipart upload written by hand over one HTTP request: the caller sends the file's bytes in
 * chunks, may wait for the server's answer before finishing (or never finish), or cut it.
 */
export function rawUpload(srv: TestServer, channelId: string, token: string, disposition = 'filename="big.bin"') {
  const url = new URL(`${srv.url}/api/channels/${channelId}/attachments`);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.once("error", reject);
    });
    req.once("error", reject);
  });
  answer.catch(() => {});
  req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return {
    answer,
    /** Writes bytes of the file, waiting while the socket is full. */
    async send(bytes: Buffer) {
      if (req.destroyed || req.write(bytes)) return;
      // Until the socket takes more, or the server answered or cut the connection.
      let done = () => {};
      await Promise.race([
        new Promise<void>((r) => {
          done = () => r();
          req.once("drain", done);
          req.once("close", done);
        }),
        answer.catch(() => {}),
      ]);
      req.off("drain", done);
      req.off("close", done);
    },
    end() {
      req.end(`\r\n--${BOUNDARY}--\r\n`);
    },
    /** The request ends without the multipart's closing boundary (a truncated body). */
    endTruncated() {
      req.end();
    },
    /** The client goes away mid-upload. */
    cut() {
      req.destroy();
    },
  };
}

export async function startS3(bucket: string): Promise<{ endpoint: string; dir: string; stop(): Promise<void> }> {
  const dir = tempDataDir("chat-s3-");
  const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await s3.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    dir,
    async stop() {
      await s3.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the app's staging folder holds (uploads in flight or left behind). */
export function stagingFiles(srv: TestServer): string[] {
  return fs.readdirSync(srv.app.services.files.stagingDir).map((f) => path.basename(f));
}

export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
