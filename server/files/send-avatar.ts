// GET /api/avatars/:id: a profile picture, to any signed-in user (pictures are as public as names,
// which anyone signed in can look up). Only an id some user's row points at is served, so a
// replaced or removed picture whose object is still around answers 404. Always image/webp (the
// server wrote it), never sniffed, never a document: nosniff, a sandboxing CSP, same-origin only.
import type http from "node:http";
import { pipeline } from "node:stream/promises";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { FILE_CSP } from "./file-csp";
import type { FileStore } from "./file-store";

export async function sendAvatar(req: http.IncomingMessage, res: http.ServerResponse, deps: { db: Db; store: FileStore }, id: string): Promise<void> {
  const owner = await deps.db.user.findUnique({ where: { avatarFileId: id }, select: { id: true } });
  if (!owner) throw new AppError("not_found", "no such picture");
  const etag = `"${id}"`;
  const headers: Record<string, string | number> = {
    "Content-Type": "image/webp",
    "Content-Disposition": 'inline; filename="avatar.webp"',
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": FILE_CSP,
    "Cross-Origin-Resource-Policy": "same-origin",
    // An id's bytes never change (a new picture gets a new id, and so a new URL).
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const object = await deps.store.get(id);
  if (!object) throw new AppError("not_found", "no such picture");
  res.writeHead(200, { ...headers, "Content-Length": object.size });
  if (req.method === "HEAD") {
    object.body.destroy();
    res.end();
    return;
  }
  await pipeline(object.body, res);
}
