// The file routes, answered by the app's HTTP server before Next (server/app.ts), on the Node
// request itself: Next hands route handlers a body stream that reads the socket as fast as it
// can, without backpressure, so a 25 MB upload would pile up in memory; here busboy reads
// only as fast as the disk takes it. Same edge rules as route.ts: refuse foreign pages,
// authenticate (cookie or bearer), parse the path's ids, answer AppError as `{error}`.
//   POST /api/channels/:id/attachments   multipart/form-data, part `file` → 201 {attachment}
//   GET  /api/files/:id[/thumbnail]      the bytes, to members of the channel only
//   PUT  /api/me/avatar                  multipart/form-data, part `file` → 200 {user}
//   GET  /api/avatars/:id                a profile picture, to any signed-in user
import type http from "node:http";
import { pipeline } from "node:stream/promises";
import contentDisposition from "content-disposition";
import { pathParam } from "../../lib/contract/schemas";
import type { AppServices } from "../app-services";
import { authenticate } from "../auth/authenticate";
import { AppError } from "../errors";
import { refuseForeignPage } from "../http/foreign-page";
import { sendFailure, sendJson } from "../http/node-answers";
import type { Logger } from "../log";
import { IMAGE_TYPES } from "./detect-type";
import { FILE_CSP } from "./file-csp";
import { findReadableAttachment } from "./read-attachment";
import { sendAvatar } from "./send-avatar";
import { uploadAttachment } from "./upload-attachment";
import { uploadAvatar } from "./upload-avatar";

export { FILE_CSP };

type Match =
  | { kind: "upload"; channelId: string }
  | { kind: "download"; id: string; thumbnail: boolean }
  | { kind: "avatar-upload" }
  | { kind: "avatar"; id: string };

function match(method: string, pathname: string): Match | null {
  const s = pathname.replace(/(.)\/$/, "$1").split("/").slice(1);
  // DELETE /api/me/avatar reads no body: Next's route handler answers it.
  if (s.length === 3 && s[0] === "api" && s[1] === "me" && s[2] === "avatar") return method === "PUT" ? { kind: "avatar-upload" } : null;
  if (s.length === 3 && s[0] === "api" && s[1] === "avatars") return { kind: "avatar", id: s[2]! };
  if (s.length === 4 && s[0] === "api" && s[1] === "channels" && s[3] === "attachments") return { kind: "upload", channelId: s[2]! };
  if (s[0] === "api" && s[1] === "files" && (s.length === 3 || (s.length === 4 && s[3] === "thumbnail"))) {
    return { kind: "download", id: s[2]!, thumbnail: s.length === 4 };
  }
  return null;
}

/** Answers the request when it is a file route (true); the HTTP edge has vetted path and method. */
export function handleFileRequest(req: http.IncomingMessage, res: http.ServerResponse, services: AppServices, log: Logger): boolean {
  const m = match((req.method ?? "GET").toUpperCase(), (req.url ?? "/").split("?")[0]!);
  if (!m) return false;
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  };
  void (async () => {
    const method = (req.method ?? "GET").toUpperCase();
    refuseForeignPage(method, header, services.config);
    const caller = await authenticate(services.db, services.authSecret, {
      authorization: header("authorization"),
      cookie: header("cookie"),
      userAgent: header("user-agent"),
    });
    if (m.kind === "upload") {
      const channelId = param("id", m.channelId);
      const attachment = await uploadAttachment({ db: services.db, files: services.files, log }, caller.userId, channelId, req);
      sendJson(res, 201, { attachment });
      return;
    }
    if (m.kind === "avatar-upload") {
      const user = await uploadAvatar({ ...services, log }, caller.userId, req);
      sendJson(res, 200, { user });
      return;
    }
    if (m.kind === "avatar") {
      await sendAvatar(req, res, { db: services.db, store: services.files.store }, param("id", m.id));
      return;
    }
    await sendFile(req, res, services, caller.userId, param("id", m.id), m.thumbnail);
  })().catch((err: unknown) => {
    if (res.headersSent) {
      log.warn({ err, url: req.url }, "file answer failed midway");
      res.destroy();
      return;
    }
    // The rest of a refused upload is not read: this connection is not reused (the edge drains briefly).
    const unread = (m.kind === "upload" || m.kind === "avatar-upload") && !req.complete;
    sendFailure(res, err, log, req.url, unread ? { Connection: "close" } : {});
  });
  return true;
}

function param(name: string, raw: string): string {
  const parsed = pathParam.safeParse(decodeURIComponent(raw));
  if (!parsed.success) throw new AppError("invalid", `${name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, services: AppServices, userId: string, id: string, thumbnail: boolean) {
  const row = await findReadableAttachment(services.db, userId, id);
  if (thumbnail && !row.thumbnail) throw new AppError("not_found", "this file has no thumbnail");
  const key = thumbnail ? `${row.id}.thumb` : row.id;
  const type = thumbnail ? "image/webp" : row.type;
  const etag = `"${key}"`;
  const headers: Record<string, string | number> = {
    "Content-Type": type,
    // Only the four image types show in the browser; everything else is saved, never rendered.
    "Content-Disposition": contentDisposition(row.name, { type: IMAGE_TYPES.has(type) ? "inline" : "attachment" }),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": FILE_CSP,
    "Cross-Origin-Resource-Policy": "same-origin",
    // Ids never change content; revalidation re-checks membership (and deletion).
    "Cache-Control": "private, no-cache",
    ETag: etag,
  };
  if (!thumbnail) headers["Accept-Ranges"] = "bytes";
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const range = thumbnail ? null : parseRange(req.headers.range, row.size);
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${row.size}` }).end();
    return;
  }
  const object = await services.files.store.get(key, range ?? undefined);
  if (!object) throw new AppError("not_found", "no such file");
  if (range) {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${object.size}`;
    headers["Content-Length"] = range.end - range.start + 1;
  } else {
    headers["Content-Length"] = object.size;
  }
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === "HEAD") {
    object.body.destroy();
    res.end();
    return;
  }
  await pipeline(object.body, res);
}

/** One `bytes=` range (the only kind browsers send for media); anything else: the whole file. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number, end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return "unsatisfiable";
  return { start, end };
}
