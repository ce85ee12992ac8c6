// POST /api/channels/:id/attachments, the domain part: a member streams one file in (limit and
// quota enforced while it arrives), its type is found in its bytes, an image is re-encoded
// without metadata and gets a thumbnail, the bytes go to the FileStore, then the row is written.
// Whatever fails, nothing stays: no row, no object, no staging file.
import { randomUUID } from "node:crypto";
import fsp from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import type { Attachment } from "../../lib/contract/models";
import { requireMember } from "../channels/require-member";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import type { Logger } from "../log";
import { toAttachment } from "./attachment-dto";
import { detectType, IMAGE_TYPES, OCTET_STREAM } from "./detect-type";
import type { FileStore } from "./file-store";
import type { ImagePipeline } from "./image-pipeline";
import { receiveUpload } from "./receive-upload";
import { safeFileName } from "./safe-file-name";

export interface FileServices {
  store: FileStore;
  images: ImagePipeline;
  /** A local folder for uploads while they arrive and are processed. */
  stagingDir: string;
  maxBytes: number;
  quotaBytesPerDay: number;
}

/** Multipart framing around the file: a declared length beyond this over the limit is refused unread. */
export const FRAMING_BYTES = 64 * 1024;

export async function uploadAttachment(
  deps: { db: Db; files: FileServices; log: Logger },
  userId: string,
  channelId: string,
  req: http.IncomingMessage,
): Promise<Attachment> {
  const { db, files, log } = deps;
  await requireMember(db, channelId, userId);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > files.maxBytes + FRAMING_BYTES) throw tooLarge(files.maxBytes);

  // The quota counts the last day's uploads, sent or not. Concurrent uploads may each pass
  // the check: the overshoot is bounded by one upload limit per upload in flight.
  const [quota] = await db.$queryRaw<{ used: bigint }[]>`
    SELECT coalesce(sum(size), 0)::bigint AS used FROM "Attachment"
    WHERE "uploaderId" = ${userId} AND "createdAt" > now() - interval '1 day'`;
  const left = files.quotaBytesPerDay - Number(quota?.used ?? 0);
  if (left <= 0 || declared > left + FRAMING_BYTES) throw overQuota(files.quotaBytesPerDay);
  const cap = Math.min(files.maxBytes, left);

  const received = await receiveUpload(req, files.stagingDir, {
    maxBytes: cap,
    overLimit: () => (cap === files.maxBytes ? tooLarge(files.maxBytes) : overQuota(files.quotaBytesPerDay)),
  });
  const id = randomUUID().replaceAll("-", "");
  const fullPath = path.join(files.stagingDir, `${id}.full`);
  const thumbPath = path.join(files.stagingDir, `${id}.thumb`);
  const stored: string[] = [];
  try {
    let type = await detectType(received.head);
    let size = received.size;
    let dims: { width: number; height: number } | null = null;
    if (IMAGE_TYPES.has(type)) {
      const image = await files.images.process(received.path, type, fullPath, thumbPath);
      if (image) {
        dims = { width: image.width, height: image.height };
        size = image.size;
      } else {
        // Not decodable (damaged, or too many pixels): kept as a plain download.
        type = OCTET_STREAM;
      }
    }
    await files.store.putFile(id, dims ? fullPath : received.path, type);
    stored.push(id);
    if (dims) {
      await files.store.putFile(`${id}.thumb`, thumbPath, "image/webp");
      stored.push(`${id}.thumb`);
    }
    const row = await db.attachment.create({
      data: {
        id,
        channelId,
        uploaderId: userId,
        name: safeFileName(received.name),
        size,
        type,
        width: dims?.width ?? null,
        height: dims?.height ?? null,
        thumbnail: dims !== null,
      },
    });
    return toAttachment(row);
  } catch (err) {
    await files.store.delete(stored).catch((e: unknown) => log.error({ err: e, keys: stored }, "could not delete the objects of a failed upload"));
    throw err;
  } finally {
    await Promise.all([received.path, fullPath, thumbPath].map((p) => fsp.rm(p, { force: true })));
  }
}

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
const tooLarge = (max: number) => new AppError("too_large", `a file may have at most ${mib(max)}`);
const overQuota = (quota: number) => new AppError("rate_limited", `upload quota reached: at most ${mib(quota)} per day`);
